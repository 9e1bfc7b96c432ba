//! Connections of the double that a test can reset: a fault that drops a request without an
//! answer, as a broken network would.

use super::*;

/// The listener of the double: plain TCP, each connection with a switch that resets it.
pub(super) struct ResettableListener(pub(super) TcpListener);

impl axum::serve::Listener for ResettableListener {
    type Io = ResettableStream;
    type Addr = std::net::SocketAddr;

    async fn accept(&mut self) -> (Self::Io, Self::Addr) {
        loop {
            match self.0.accept().await {
                Ok((stream, addr)) => {
                    let _ = stream.set_nodelay(true);
                    let reset = Arc::new(AtomicBool::new(false));
                    return (ResettableStream { stream, reset }, addr);
                }
                Err(_) => tokio::time::sleep(Duration::from_millis(10)).await,
            }
        }
    }

    fn local_addr(&self) -> io::Result<Self::Addr> {
        self.0.local_addr()
    }
}

/// A connection that, once its switch is on, fails every write: the server drops it without
/// a response, and with SO_LINGER 0 the peer gets a reset rather than an orderly close.
pub(super) struct ResettableStream {
    stream: TcpStream,
    pub(super) reset: Arc<AtomicBool>,
}

impl ResettableStream {
    fn refuse(&self) -> Option<io::Error> {
        if !self.reset.load(Ordering::SeqCst) {
            return None;
        }
        let _ = self.stream.set_zero_linger();
        Some(io::Error::new(
            io::ErrorKind::ConnectionReset,
            "fault injected: connection reset",
        ))
    }
}

impl AsyncRead for ResettableStream {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> TaskPoll<io::Result<()>> {
        if let Some(e) = self.refuse() {
            return TaskPoll::Ready(Err(e));
        }
        Pin::new(&mut self.stream).poll_read(cx, buf)
    }
}

impl AsyncWrite for ResettableStream {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> TaskPoll<io::Result<usize>> {
        if let Some(e) = self.refuse() {
            return TaskPoll::Ready(Err(e));
        }
        Pin::new(&mut self.stream).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> TaskPoll<io::Result<()>> {
        if let Some(e) = self.refuse() {
            return TaskPoll::Ready(Err(e));
        }
        Pin::new(&mut self.stream).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> TaskPoll<io::Result<()>> {
        if let Some(e) = self.refuse() {
            return TaskPoll::Ready(Err(e));
        }
        Pin::new(&mut self.stream).poll_shutdown(cx)
    }
}

/// What a handler knows of its connection: the switch that resets it.
#[derive(Clone)]
pub(super) struct Connection {
    pub(super) reset: Arc<AtomicBool>,
}

impl Connected<IncomingStream<'_, ResettableListener>> for Connection {
    fn connect_info(stream: IncomingStream<'_, ResettableListener>) -> Connection {
        Connection {
            reset: stream.io().reset.clone(),
        }
    }
}
