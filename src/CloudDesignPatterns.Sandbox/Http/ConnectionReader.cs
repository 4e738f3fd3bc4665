using System;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace CloudDesignPatterns.Sandbox.Http
{
    /// <summary>
    /// Buffered reads from a socket stream: CRLF lines for the request head and exact byte counts for bodies.
    /// One instance lives as long as the connection, so bytes of a pipelined next request are never lost.
    /// </summary>
    internal sealed class ConnectionReader
    {
        private const int MaxLineLength = 16 * 1024;
        private readonly Stream _stream;
        private readonly byte[] _buffer = new byte[16 * 1024];
        private int _start;
        private int _end;

        public ConnectionReader(Stream stream) => _stream = stream;

        /// <summary>Reads one line without its CRLF (a bare LF is accepted). Null at end of stream before any byte.</summary>
        public async Task<string?> ReadLineAsync(CancellationToken cancel)
        {
            var line = new StringBuilder();
            while (true)
            {
                if (_start == _end && !await FillAsync(cancel).ConfigureAwait(false))
                {
                    if (line.Length == 0) return null;
                    throw new HttpProtocolException("Connection closed in the middle of a line.");
                }
                while (_start < _end)
                {
                    var b = _buffer[_start++];
                    if (b == (byte)'\n')
                    {
                        if (line.Length > 0 && line[line.Length - 1] == '\r') line.Length--;
                        return line.ToString();
                    }
                    line.Append((char)b);
                    if (line.Length > MaxLineLength) throw new HttpProtocolException("Header line too long.");
                }
            }
        }

        public async Task ReadExactAsync(byte[] target, int offset, int count, CancellationToken cancel)
        {
            while (count > 0)
            {
                if (_start == _end && !await FillAsync(cancel).ConfigureAwait(false))
                    throw new HttpProtocolException("Connection closed before the body was complete.");
                var n = Math.Min(count, _end - _start);
                Buffer.BlockCopy(_buffer, _start, target, offset, n);
                _start += n; offset += n; count -= n;
            }
        }

        private async Task<bool> FillAsync(CancellationToken cancel)
        {
            _start = 0;
            _end = await _stream.ReadAsync(_buffer, 0, _buffer.Length, cancel).ConfigureAwait(false);
            return _end > 0;
        }
    }

    /// <summary>The client sent something that is not valid HTTP/1.1; the server answers 400 and closes.</summary>
    internal sealed class HttpProtocolException : Exception
    {
        public HttpProtocolException(string message) : base(message) { }
    }
}
