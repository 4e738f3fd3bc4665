using System;
using System.Collections.Generic;
using CloudDesignPatterns.Engine.Configuration;
using static CloudDesignPatterns.Tests.Configuration.UserDataSamples;

namespace CloudDesignPatterns.Tests.Configuration
{
    /// <summary>User data is foreign input: damaged versions of every form must never make the reader throw.</summary>
    public class UserDataReaderFuzzTests
    {
        private static IEnumerable<byte[]> Seeds()
        {
            yield return Utf8(ShellScript);
            yield return Utf8(@"{""cdp:snapshot:keep-generations"": [1, ""a"", true]}");
            yield return Utf8(Base64(Gzip(Utf8(PowerShellBlock))));
            yield return Multipart("\r\n",
                ("text/x-shellscript", "base64", Utf8(ShellScript)),
                ("application/x-gzip", null, Gzip(Utf8(CloudConfig))),
                ("text/plain", "quoted-printable", Utf8("# cdp:snapshot:policy=3D=\r\nx")));
        }

        [Fact]
        public void MutatedAndTruncatedInput_NeverThrows()
        {
            var random = new Random(1234);
            foreach (var seed in Seeds())
            {
                for (var round = 0; round < 300; round++)
                {
                    var data = (byte[])seed.Clone();
                    var flips = random.Next(1, 6);
                    for (var i = 0; i < flips; i++) data[random.Next(data.Length)] = (byte)random.Next(256);
                    if (round % 4 == 0) Array.Resize(ref data, random.Next(data.Length + 1));

                    var result = UserDataReader.Read(data); // must not throw

                    Assert.NotNull(result.Settings);
                }
            }
        }
    }
}
