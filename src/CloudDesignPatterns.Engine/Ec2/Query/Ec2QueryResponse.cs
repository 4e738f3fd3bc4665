using System;
using System.Buffers;
using System.Text;

namespace CloudDesignPatterns.Engine.Ec2.Query
{
    /// <summary>A successful EC2 Query answer held in a pooled buffer until it is parsed; dispose it to hand the buffer back.</summary>
    internal sealed class Ec2QueryResponse : IDisposable
    {
        private static readonly byte[] NextTokenStart = Encoding.ASCII.GetBytes("<nextToken>"), NextTokenEnd = Encoding.ASCII.GetBytes("</nextToken>");
        private byte[]? body;
        private readonly int length;

        public Ec2QueryResponse(byte[] pooledBody, int length)
        {
            body = pooledBody;
            this.length = length;
        }

        public Ec2XmlScanner Scanner() => new Ec2XmlScanner(body ?? throw new ObjectDisposedException(nameof(Ec2QueryResponse)), length);

        /// <summary>
        /// The page's next token found without parsing the page: EC2 writes it last, after the items, so the next page can
        /// be requested while this one is parsed. Item text cannot contain the markup searched for ('&lt;' is always
        /// escaped there), and the reader still checks it against the token the full parse finds.
        /// </summary>
        public string? PeekNextToken()
        {
            var data = new ReadOnlySpan<byte>(body ?? throw new ObjectDisposedException(nameof(Ec2QueryResponse)), 0, length);
            var at = data.LastIndexOf(NextTokenStart);
            if (at < 0) return null;
            var textStart = at + NextTokenStart.Length;
            var textLength = data.Slice(textStart).IndexOf((byte)'<');
            if (textLength <= 0 || !data.Slice(textStart + textLength).StartsWith(NextTokenEnd)) return null;
            return XmlText.Decode(Encoding.UTF8.GetString(body, textStart, textLength));
        }

        public void Dispose()
        {
            var buffer = body;
            body = null;
            if (buffer != null) ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
