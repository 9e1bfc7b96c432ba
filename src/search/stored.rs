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

use super::schema::{FieldValue, Fields, StoredFields, StoredPassage};

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

    /// The passage at `address` of `searcher` (the snapshot's): only the values a passage
    /// keeps are copied out of the store's block.
    pub fn passage(
        &self,
        searcher: &Searcher,
        fields: &Fields,
        address: DocAddress,
    ) -> tantivy::Result<StoredPassage> {
        let reader = &self.readers[address.segment_ord as usize];
        let bytes = reader.get_document_bytes(address.doc_id)?;
        if let Some(passage) = fields.passage(StoredValues::new(bytes.as_slice())) {
            return Ok(passage);
        }
        let stored: StoredFields = searcher.doc(address)?;
        fields.passage(stored.values()).ok_or_else(|| {
            tantivy::TantivyError::InternalError(format!("stored passage {address:?} unreadable"))
        })
    }
}

/// The values of one stored document, read one by one: `None` for anything but text, bytes
/// and u64 values, or bytes that do not hold a whole document, after which nothing more is read.
pub(super) struct StoredValues<'a> {
    bytes: &'a [u8],
    left: u64,
    broken: bool,
}

impl<'a> StoredValues<'a> {
    pub fn new(mut bytes: &'a [u8]) -> StoredValues<'a> {
        // The count is read from the file: it bounds the reading, not an allocation.
        let count = vint(&mut bytes);
        StoredValues {
            bytes,
            left: count.unwrap_or(0),
            broken: count.is_none(),
        }
    }

    fn value(&mut self) -> Option<(Field, FieldValue<'a>)> {
        let bytes = &mut self.bytes;
        let field = Field::from_field_id(u32::from_le_bytes(*take::<4>(bytes)?));
        let value = match take::<1>(bytes)?[0] {
            TEXT_CODE => FieldValue::Text(simdutf8::basic::from_utf8(sized(bytes)?).ok()?),
            U64_CODE => FieldValue::Number(u64::from_le_bytes(*take::<8>(bytes)?)),
            BYTES_CODE => FieldValue::Bytes(sized(bytes)?),
            _ => return None,
        };
        Some((field, value))
    }
}

impl<'a> Iterator for StoredValues<'a> {
    type Item = Option<(Field, FieldValue<'a>)>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.broken {
            self.broken = false;
            self.left = 0;
            return Some(None);
        }
        if self.left == 0 {
            return None;
        }
        self.left -= 1;
        let value = self.value();
        if value.is_none() {
            self.left = 0;
        }
        Some(value)
    }
}

/// A VInt length and that many bytes.
fn sized<'a>(bytes: &mut &'a [u8]) -> Option<&'a [u8]> {
    let len = usize::try_from(vint(bytes)?).ok()?;
    let (value, rest) = bytes.split_at_checked(len)?;
    *bytes = rest;
    Some(value)
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
