using System;
using System.IO;
using System.IO.Compression;
using System.Text;

namespace CloudDesignPatterns.Tests.Configuration
{
    /// <summary>Builds user data in the shapes instances are really launched with.</summary>
    internal static class UserDataSamples
    {
        public const string ShellScript =
            "#!/bin/bash\n" +
            "# cdp:snapshot:keep-generations=7\n" +
            "# cdp:snapshot:destination-region = ap-southeast-1\n" +
            "yum install -y httpd\n";

        public const string CloudConfig =
            "#cloud-config\n" +
            "# cdp:routing:virtual-ip=100.64.0.10\n" +
            "packages:\n" +
            "  - nginx\n" +
            "#   cdp:routing:route-table-id=\"rtb-0123abcd, rtb-4567cdef\"\n";

        public const string PowerShellBlock =
            "<powershell>\r\n" +
            "# cdp:snapshot:policy=nightly\r\n" +
            "# cdp:snapshot:exclude-boot-volume=yes\r\n" +
            "Install-WindowsFeature Web-Server\r\n" +
            "</powershell>\r\n" +
            "<persist>true</persist>\r\n";

        public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

        public static string Base64(byte[] data) => Convert.ToBase64String(data);

        public static byte[] Gzip(byte[] data)
        {
            using (var output = new MemoryStream())
            {
                using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true)) gzip.Write(data, 0, data.Length);
                return output.ToArray();
            }
        }

        /// <summary>A cloud-init style multi-part document; each part is (content type, transfer encoding or null, body bytes).</summary>
        public static byte[] Multipart(string newline, params (string ContentType, string? Encoding, byte[] Body)[] parts)
        {
            const string boundary = "===============5186485452937298459==";
            var message = new MemoryStream();
            void Write(string text) { var bytes = Encoding.ASCII.GetBytes(text); message.Write(bytes, 0, bytes.Length); }

            Write($"Content-Type: multipart/mixed; boundary=\"{boundary}\"{newline}MIME-Version: 1.0{newline}{newline}");
            foreach (var part in parts)
            {
                Write($"--{boundary}{newline}Content-Type: {part.ContentType}; charset=\"us-ascii\"{newline}MIME-Version: 1.0{newline}");
                if (part.Encoding != null) Write($"Content-Transfer-Encoding: {part.Encoding}{newline}");
                Write($"Content-Disposition: attachment; filename=\"part\"{newline}{newline}");
                var body = part.Encoding == "base64" ? Encoding.ASCII.GetBytes(WrapAt76(Convert.ToBase64String(part.Body), newline)) : part.Body;
                message.Write(body, 0, body.Length);
                Write(newline);
            }
            Write($"--{boundary}--{newline}");
            return message.ToArray();
        }

        private static string WrapAt76(string base64, string newline)
        {
            var wrapped = new StringBuilder();
            for (var i = 0; i < base64.Length; i += 76) wrapped.Append(base64, i, Math.Min(76, base64.Length - i)).Append(newline);
            return wrapped.ToString();
        }
    }
}
