using System;
using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using CloudDesignPatterns.Sandbox.Contracts;

namespace CloudDesignPatterns.Sandbox.Ec2.Protocol
{
    /// <summary>
    /// A growable UTF-8 buffer for EC2 response XML: tags from element names, text escaped the way XmlWriter escapes
    /// it (&amp;, &lt;, &gt;, and a carriage return as &amp;#xD; so it survives the parser's newline normalisation).
    /// Growth uses pooled arrays: a megabyte page would otherwise leave four large-object-heap arrays behind per call.
    /// </summary>
    internal sealed class Utf8XmlBuffer : IDisposable
    {
        private byte[] buffer;
        private int length;

        /// <summary>
        /// AggressiveOptimization (absent from netstandard2.0): a describe page writes a megabyte through these, and the
        /// tiering runtime otherwise runs them unoptimised, then instrumented, for the first pages a sandbox serves.
        /// </summary>
        internal const MethodImplOptions HotPath = (MethodImplOptions)512;

        public Utf8XmlBuffer(int capacity = 4096) { buffer = ArrayPool<byte>.Shared.Rent(capacity); }

        /// <summary>Hands the rented buffer over as a response body (no copy); the buffer is then empty.</summary>
        public ResponseBody Detach()
        {
            var body = ResponseBody.FromRented(buffer, length);
            buffer = Array.Empty<byte>();
            length = 0;
            return body;
        }

        public void Dispose()
        {
            if (buffer.Length > 0) ArrayPool<byte>.Shared.Return(buffer);
            buffer = Array.Empty<byte>();
            length = 0;
        }

        [MethodImpl(HotPath)]
        public void Raw(string ascii)
        {
            Ensure(ascii.Length);
            for (var i = 0; i < ascii.Length; i++) buffer[length++] = (byte)ascii[i];
        }

        [MethodImpl(HotPath)]
        public void StartElement(string name) { Byte((byte)'<'); Raw(name); Byte((byte)'>'); }

        [MethodImpl(HotPath)]
        public void EndElement(string name) { Byte((byte)'<'); Byte((byte)'/'); Raw(name); Byte((byte)'>'); }

        public void EmptyElement(string name) { Byte((byte)'<'); Raw(name); Raw(" />"); }

        /// <summary>&lt;name&gt;text&lt;/name&gt; (an empty string still gives a start and an end tag, as an element with content does).</summary>
        [MethodImpl(HotPath)]
        public void Element(string name, string text) { StartElement(name); Text(text); EndElement(name); }

        [MethodImpl(HotPath)]
        public void Text(string text)
        {
            if (text.IndexOfAny(Special) < 0 && !HasControl(text)) { Utf8(text, 0, text.Length); return; }
            var start = 0;
            for (var i = 0; i < text.Length; i++)
            {
                var escape = Escape(text[i]);
                if (escape == null) continue;
                Utf8(text, start, i - start);
                Raw(escape);
                start = i + 1;
            }
            Utf8(text, start, text.Length - start);
        }

        private static readonly char[] Special = { '&', '<', '>', '\r' };

        [MethodImpl(HotPath)]
        private static bool HasControl(string text)
        {
            foreach (var c in text)
                if (c < 0x20 && c != '\t' && c != '\n') return true;
            return false;
        }

        private static string? Escape(char c)
        {
            switch (c)
            {
                case '&': return "&amp;";
                case '<': return "&lt;";
                case '>': return "&gt;";
                case '\r': return "&#xD;";
                default:
                    if (c < 0x20 && c != '\t' && c != '\n')
                        throw new ArgumentException($"'\\u{(int)c:x4}' cannot be written in XML text.");
                    return null;
            }
        }

        [MethodImpl(HotPath)]
        private void Utf8(string text, int start, int count)
        {
            if (count == 0) return;
            Ensure(Encoding.UTF8.GetMaxByteCount(count));
            length += Encoding.UTF8.GetBytes(text, start, count, buffer, length);
        }

        [MethodImpl(HotPath)]
        private void Byte(byte b)
        {
            Ensure(1);
            buffer[length++] = b;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private void Ensure(int more)
        {
            if (length + more > buffer.Length) Grow(more);
        }

        private void Grow(int more)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(buffer.Length * 2, length + more));
            Buffer.BlockCopy(buffer, 0, larger, 0, length);
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = larger;
        }
    }
}
