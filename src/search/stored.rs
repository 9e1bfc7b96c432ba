//! Reading the stored passages a question shows: straight from the store's bytes, the text
//! checked as UTF-8 by simdutf8 rather than by Tantivy's `read_to_string` field by field, which
//! was three quarters of the cost of reading them (127 k of 173 k instructions a question).
//!
//! The layout read is Tantivy 0.27's binary document (`schema/document/se.rs`): a VInt count of
//! values, then for each a little-endian u32 field id, a type code and the value — text and
//! bytes as a VInt length and the bytes, a u64 as eight bytes. A document with any other code,
//! or bytes that end early, is not guessed at: it is read through Tantivy's own deserializer
//! instead, so a layout this reader does not know is slower, never misread (a test holds every
//! passage of an index to what Tantivy reads).

use std::io;

use tantivy::schema::Field;
use tantivy::store::StoreReader;
use tantivy::{DocAddress, Searcher};

use super::schema::{Stored, StoredFields};

/// Decompressed blocks each segment's reader keeps (Tantivy's own `DOCSTORE_CACHE_CAPACITY`).
const CACHED_BLOCKS: usize = 100;

/// Tantivy's type codes (`schema::document::type_codes`, not public).
const TEXT_CODE: u8 = 0;
const U64_CODE: u8 = 1;
const BYTES_CODE: u8 = 4;

/// The stores of a snapshot's segments, opened once with it.
pub(super) struct PassageStore {
    readers: Vec<StoreReader>,
}

impl PassageStore {
    pub fn open(searcher: &Searcher) -> io::Result<PassageStore> {
        let readers = searcher
            .segment_readers()
            .iter()
            .map(|segment| segment.get_store_reader(CACHED_BLOCKS))
            .collect::<io::Result<_>>()?;
        Ok(PassageStore { readers })
    }

    /// The stored values of the passage at `address` of `searcher` (the snapshot's).
    pub fn fields(
        &self,
        searcher: &Searcher,
        address: DocAddress,
    ) -> tantivy::Result<StoredFields> {
        let reader = &self.readers[address.segment_ord as usize];
        let bytes = reader.get_document_bytes(address.doc_id)?;
        match parse(bytes.as_slice()) {
            Some(fields) => Ok(fields),
            None => searcher.doc(address),
        }
    }
}

/// The values of one stored document; `None` for anything but text, bytes and u64 values, or
/// bytes that do not hold a whole document.
fn parse(mut bytes: &[u8]) -> Option<StoredFields> {
    let count = vint(&mut bytes)?;
    // The count is read from the file: it bounds the loop, not the allocation.
    let mut fields = Vec::with_capacity(count.min(16) as usize);
    for _ in 0..count {
        let field = Field::from_field_id(u32::from_le_bytes(*take::<4>(&mut bytes)?));
        let value = match take::<1>(&mut bytes)?[0] {
            TEXT_CODE => {
                let len = usize::try_from(vint(&mut bytes)?).ok()?;
                let (text, rest) = bytes.split_at_checked(len)?;
                bytes = rest;
                Stored::Text(simdutf8::basic::from_utf8(text).ok()?.to_owned())
            }
            U64_CODE => Stored::Number(u64::from_le_bytes(*take::<8>(&mut bytes)?)),
            BYTES_CODE => {
                let len = usize::try_from(vint(&mut bytes)?).ok()?;
                let (value, rest) = bytes.split_at_checked(len)?;
                bytes = rest;
                Stored::Bytes(value.to_vec())
            }
            _ => return None,
        };
        fields.push((field, value));
    }
    Some(StoredFields(fields))
}

fn take<'a, const N: usize>(bytes: &mut &'a [u8]) -> Option<&'a [u8; N]> {
    let (head, rest) = bytes.split_first_chunk::<N>()?;
    *bytes = rest;
    Some(head)
}

/// Tantivy's VInt: seven bits a byte, least significant first, the last byte's high bit set.
fn vint(bytes: &mut &[u8]) -> Option<u64> {
    let mut value = 0u64;
    for (i, &byte) in bytes.iter().enumerate().take(10) {
        value |= u64::from(byte & 0x7f) << (7 * i);
        if byte & 0x80 != 0 {
            *bytes = &bytes[i + 1..];
            return Some(value);
        }
    }
    None
}

#[cfg(test)]
mod tests;
