#nullable enable
// A minimal PNG decoder for the browser tests (GameDayReport.Tests.ps1 loads it with Add-Type): 8-bit RGB or RGBA,
// non-interlaced, every filter type — what Chromium's --screenshot writes. Anything else is refused, not guessed.
using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Text;

namespace CloudDesignPatterns.TestSupport
{
    public sealed class PngImage
    {
        public int Width { get; }
        public int Height { get; }
        /// <summary>0xRRGGBB per pixel, row by row (alpha is dropped: a screenshot is opaque).</summary>
        private readonly int[] pixels;

        private PngImage(int width, int height, int[] pixels) { Width = width; Height = height; this.pixels = pixels; }

        public int Rgb(int x, int y) => pixels[y * Width + x];

        public static PngImage Read(string path)
        {
            var bytes = File.ReadAllBytes(path);
            var signature = new byte[] { 137, 80, 78, 71, 13, 10, 26, 10 };
            for (var i = 0; i < signature.Length; i++)
                if (bytes.Length < 8 || bytes[i] != signature[i]) throw new InvalidDataException($"{path} is not a PNG file.");
            int width = 0, height = 0, channels = 0;
            var idat = new MemoryStream();
            var at = 8;
            while (at + 8 <= bytes.Length)
            {
                var length = BigEndian(bytes, at);
                var type = Encoding.ASCII.GetString(bytes, at + 4, 4);
                var data = at + 8;
                if (type == "IHDR")
                {
                    width = BigEndian(bytes, data);
                    height = BigEndian(bytes, data + 4);
                    int depth = bytes[data + 8], colour = bytes[data + 9], interlace = bytes[data + 12];
                    if (depth != 8 || (colour != 2 && colour != 6) || interlace != 0)
                        throw new InvalidDataException($"Unsupported PNG: bit depth {depth}, colour type {colour}, interlace {interlace} (8-bit RGB/RGBA, non-interlaced only).");
                    channels = colour == 6 ? 4 : 3;
                }
                else if (type == "IDAT") idat.Write(bytes, data, length);
                else if (type == "IEND") break;
                at = data + length + 4; // + CRC
            }
            if (channels == 0) throw new InvalidDataException($"{path} has no IHDR chunk.");

            idat.Position = 0;
            var stride = width * channels;
            var raw = new byte[(stride + 1) * height];
            using (var z = new ZLibStream(idat, CompressionMode.Decompress))
            {
                var read = 0;
                while (read < raw.Length)
                {
                    var n = z.Read(raw, read, raw.Length - read);
                    if (n == 0) throw new InvalidDataException($"{path}: image data ends after {read} of {raw.Length} bytes.");
                    read += n;
                }
            }

            var current = new byte[stride];
            var previous = new byte[stride];
            var pixels = new int[width * height];
            for (var y = 0; y < height; y++)
            {
                var filter = raw[y * (stride + 1)];
                Array.Copy(raw, y * (stride + 1) + 1, current, 0, stride);
                Unfilter(filter, current, previous, channels);
                for (var x = 0; x < width; x++)
                {
                    var p = x * channels;
                    pixels[y * width + x] = (current[p] << 16) | (current[p + 1] << 8) | current[p + 2];
                }
                (previous, current) = (current, previous);
            }
            return new PngImage(width, height, pixels);
        }

        /// <summary>Reverses one row's filter in place (PNG spec, section 9), given the row above already decoded.</summary>
        private static void Unfilter(byte filter, byte[] row, byte[] above, int bpp)
        {
            for (var i = 0; i < row.Length; i++)
            {
                int a = i >= bpp ? row[i - bpp] : 0, b = above[i], c = i >= bpp ? above[i - bpp] : 0;
                int predictor = filter switch
                {
                    0 => 0,
                    1 => a,
                    2 => b,
                    3 => (a + b) / 2,
                    4 => Paeth(a, b, c),
                    _ => throw new InvalidDataException($"Unknown PNG filter type {filter}."),
                };
                row[i] = (byte)(row[i] + predictor);
            }
        }

        private static int Paeth(int a, int b, int c)
        {
            int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
            return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
        }

        private static int BigEndian(byte[] b, int at) => (b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3];

        /// <summary>
        /// The areas painted exactly in one colour, top to bottom: runs of consecutive rows that contain it, each with
        /// the leftmost and rightmost such pixel. Extents, not run lengths, so a thin line drawn across a band (or
        /// anti-aliased text on it) does not split it.
        /// </summary>
        public IReadOnlyList<ColourBlock> Blocks(int rgb)
        {
            var blocks = new List<ColourBlock>();
            ColourBlock? open = null;
            for (var y = 0; y < Height; y++)
            {
                int left = -1, right = -1;
                for (var x = 0; x < Width; x++)
                    if (pixels[y * Width + x] == rgb) { if (left < 0) left = x; right = x; }
                if (left < 0) { if (open != null) { blocks.Add(open); open = null; } continue; }
                if (open == null) open = new ColourBlock { Top = y, Left = left, Right = right };
                open.Bottom = y;
                open.Left = Math.Min(open.Left, left);
                open.Right = Math.Max(open.Right, right);
            }
            if (open != null) blocks.Add(open);
            return blocks;
        }
    }

    public sealed class ColourBlock
    {
        public int Top { get; set; }
        public int Bottom { get; set; }
        public int Left { get; set; }
        public int Right { get; set; }
        public int Width => Right - Left + 1;
        public int Height => Bottom - Top + 1;
        public override string ToString() => $"x {Left}..{Right} ({Width} px), y {Top}..{Bottom} ({Height} px)";
    }
}
