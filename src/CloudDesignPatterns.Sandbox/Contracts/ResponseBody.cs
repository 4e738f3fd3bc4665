using System;
using System.Buffers;

namespace CloudDesignPatterns.Sandbox.Contracts
{
    /// <summary>
    /// A response body, either an array of its own or a buffer rented from <see cref="ArrayPool{T}.Shared"/> that the
    /// server returns once the body is written (<see cref="Dispose"/>). A 1,000-snapshot describe page is a megabyte:
    /// copying each into an array of its own put a large-object allocation on every page, and the sandbox spent a sixth
    /// of a 100-page rotation read in background collections of its 100,000-snapshot state because of them.
    /// </summary>
    public sealed class ResponseBody : IDisposable
    {
        private byte[] buffer;
        private readonly bool rented;

        public ResponseBody(byte[] bytes)
        {
            buffer = bytes ?? throw new ArgumentNullException(nameof(bytes));
            Length = bytes.Length;
        }

        private ResponseBody(byte[] rentedBuffer, int length)
        {
            buffer = rentedBuffer;
            Length = length;
            rented = true;
        }

        /// <summary>Takes over a buffer rented from ArrayPool&lt;byte&gt;.Shared, of which the first <paramref name="length"/> bytes are the body.</summary>
        internal static ResponseBody FromRented(byte[] rentedBuffer, int length) => new ResponseBody(rentedBuffer, length);

        public static ResponseBody Empty => new ResponseBody(Array.Empty<byte>());

        public int Length { get; }

        /// <summary>The body's bytes; valid until <see cref="Dispose"/>.</summary>
        public ArraySegment<byte> Bytes
            => buffer.Length >= Length ? new ArraySegment<byte>(buffer, 0, Length) : throw new ObjectDisposedException(nameof(ResponseBody));

        public byte[] ToArray()
        {
            var bytes = Bytes;
            var copy = new byte[bytes.Count];
            Buffer.BlockCopy(bytes.Array!, bytes.Offset, copy, 0, bytes.Count);
            return copy;
        }

        /// <summary>Returns a rented buffer to the pool (once); a body of its own has nothing to return.</summary>
        public void Dispose()
        {
            if (!rented || buffer.Length == 0) return;
            var returned = buffer;
            buffer = Array.Empty<byte>();
            ArrayPool<byte>.Shared.Return(returned);
        }
    }
}
