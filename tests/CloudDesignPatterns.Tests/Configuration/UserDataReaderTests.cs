using System;
using System.Linq;
using System.Text;
using CloudDesignPatterns.Engine.Configuration;
using static CloudDesignPatterns.Tests.Configuration.UserDataSamples;

namespace CloudDesignPatterns.Tests.Configuration
{
    public class UserDataReaderTests
    {
        [Fact]
        public void PlainShellScript_ReadsCommentLines()
        {
            var result = UserDataReader.Read(Utf8(ShellScript));

            Assert.Equal("7", result.Settings["cdp:snapshot:keep-generations"]);
            Assert.Equal("ap-southeast-1", result.Settings["cdp:snapshot:destination-region"]);
            Assert.Equal(2, result.Settings.Count);
            Assert.Empty(result.Warnings);
            Assert.Equal(new[] { "script" }, result.Forms);
        }

        [Fact]
        public void CloudConfig_ReadsIndentedCommentsAndUnquotesValues()
        {
            var result = UserDataReader.Read(Utf8(CloudConfig));

            Assert.Equal("100.64.0.10", result.Settings["cdp:routing:virtual-ip"]);
            Assert.Equal("rtb-0123abcd, rtb-4567cdef", result.Settings["cdp:routing:route-table-id"]);
        }

        [Fact]
        public void PowerShellBlockWithCrlf_ReadsValuesWithoutCarriageReturns()
        {
            var result = UserDataReader.Read(Utf8(PowerShellBlock));

            Assert.Equal("nightly", result.Settings["cdp:snapshot:policy"]);
            Assert.Equal("yes", result.Settings["cdp:snapshot:exclude-boot-volume"]);
        }

        [Fact]
        public void ByteOrderMarkAndLeadingWhitespace_AreTolerated()
        {
            var bom = new byte[] { 0xef, 0xbb, 0xbf };
            var result = UserDataReader.Read(bom.Concat(Utf8("\r\n   \r\n" + ShellScript)).ToArray());

            Assert.Equal("7", result.Settings["cdp:snapshot:keep-generations"]);
        }

        [Fact]
        public void Utf16WithByteOrderMark_IsRead()
        {
            var utf16 = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(PowerShellBlock)).ToArray();

            var result = UserDataReader.Read(utf16);

            Assert.Equal("nightly", result.Settings["cdp:snapshot:policy"]);
        }

        [Fact]
        public void JsonObject_ReadsStringsNumbersBoolsAndArrays_AndIgnoresOtherProperties()
        {
            const string json = @"{
                ""cdp:snapshot:keep-generations"": 7,
                ""cdp:snapshot:image"": true,
                ""cdp:snapshot:policy"": ""nightly"",
                ""cdp:routing:route-table-id"": [""rtb-0123abcd"", ""rtb-4567cdef""],
                ""app:port"": 8080,
            }";

            var result = UserDataReader.Read(Utf8(json));

            Assert.Equal("7", result.Settings["cdp:snapshot:keep-generations"]);
            Assert.Equal("true", result.Settings["cdp:snapshot:image"]);
            Assert.Equal("nightly", result.Settings["cdp:snapshot:policy"]);
            Assert.Equal("rtb-0123abcd,rtb-4567cdef", result.Settings["cdp:routing:route-table-id"]);
            Assert.Equal(4, result.Settings.Count);
            Assert.Equal(new[] { "json" }, result.Forms);
        }

        [Fact]
        public void JsonObjectValue_IsSkippedWithAWarning()
        {
            var result = UserDataReader.Read(Utf8(@"{""cdp:snapshot:policy"": {""name"": ""x""}, ""cdp:snapshot:image"": false}"));

            Assert.False(result.Settings.ContainsKey("cdp:snapshot:policy"));
            Assert.Equal("false", result.Settings["cdp:snapshot:image"]);
            Assert.Contains(result.Warnings, w => w.Contains("cdp:snapshot:policy") && w.Contains("object"));
        }

        [Fact]
        public void Base64Script_IsUnwrapped()
        {
            var result = UserDataReader.Read(Utf8(Base64(Utf8(ShellScript))));

            Assert.Equal("7", result.Settings["cdp:snapshot:keep-generations"]);
            Assert.Equal(new[] { "base64", "script" }, result.Forms);
        }

        [Fact]
        public void Base64WithLineBreaksAndNoPadding_IsUnwrapped()
        {
            var encoded = Base64(Utf8(ShellScript + "#")).TrimEnd('=');
            var wrapped = string.Join("\r\n", Enumerable.Range(0, (encoded.Length + 59) / 60)
                .Select(i => encoded.Substring(i * 60, Math.Min(60, encoded.Length - i * 60))));

            var result = UserDataReader.Read(Utf8(wrapped + "\r\n"));

            Assert.Equal("ap-southeast-1", result.Settings["cdp:snapshot:destination-region"]);
        }

        [Fact]
        public void GzipScript_IsDecompressed()
        {
            var result = UserDataReader.Read(Gzip(Utf8(ShellScript)));

            Assert.Equal("7", result.Settings["cdp:snapshot:keep-generations"]);
            Assert.Equal(new[] { "gzip", "script" }, result.Forms);
        }

        [Fact]
        public void Base64OfGzipJson_IsUnwrapped()
        {
            var json = Utf8(@"{""cdp:routing:virtual-ip"": ""100.64.0.10""}");

            var result = UserDataReader.Read(Utf8(Base64(Gzip(json))));

            Assert.Equal("100.64.0.10", result.Settings["cdp:routing:virtual-ip"]);
            Assert.Equal(new[] { "base64", "gzip", "json" }, result.Forms);
        }

        [Theory]
        [InlineData("\n")]
        [InlineData("\r\n")]
        public void MimeMultipart_ReadsEveryPart_IncludingBase64AndGzipParts(string newline)
        {
            var message = Multipart(newline,
                ("text/cloud-config", null, Utf8(CloudConfig.Replace("\n", newline))),
                ("text/x-shellscript", "base64", Utf8(ShellScript)),
                ("application/x-gzip", "base64", Gzip(Utf8(PowerShellBlock))),
                ("text/plain", null, Utf8("# cdp:snapshot:image=true")));

            var result = UserDataReader.Read(message);

            Assert.Equal("100.64.0.10", result.Settings["cdp:routing:virtual-ip"]);
            Assert.Equal("rtb-0123abcd, rtb-4567cdef", result.Settings["cdp:routing:route-table-id"]);
            Assert.Equal("7", result.Settings["cdp:snapshot:keep-generations"]);
            Assert.Equal("nightly", result.Settings["cdp:snapshot:policy"]);
            Assert.Equal("true", result.Settings["cdp:snapshot:image"]);
            Assert.Empty(result.Warnings);
            Assert.Equal("mime", result.Forms[0]);
        }

        [Fact]
        public void MimeMultipart_GzippedAndBase64Encoded_IsUnwrapped()
        {
            var message = Multipart("\n", ("text/x-shellscript", null, Utf8(ShellScript)));

            var result = UserDataReader.Read(Utf8(Base64(Gzip(message))));

            Assert.Equal("7", result.Settings["cdp:snapshot:keep-generations"]);
            Assert.Equal(new[] { "base64", "gzip", "mime", "script" }, result.Forms);
        }

        [Fact]
        public void MimeMultipart_WithRawBinaryGzipPart_IsRead()
        {
            var message = Multipart("\n", ("application/x-gzip", null, Gzip(Utf8(ShellScript))));

            var result = UserDataReader.Read(message);

            Assert.Equal("7", result.Settings["cdp:snapshot:keep-generations"]);
        }

        [Fact]
        public void NestedMultipart_IsRead()
        {
            var inner = Multipart("\n", ("text/x-shellscript", null, Utf8("# cdp:snapshot:policy=inner")));
            var outer = Multipart("\n",
                ("text/x-shellscript", null, Utf8("# cdp:snapshot:image=no")),
                ("multipart/mixed; boundary=\"===============5186485452937298459==\"", null, Array.Empty<byte>()));
            // Replace the placeholder part with the inner message (headers included), as a nested multipart appears.
            var outerText = Encoding.ASCII.GetString(outer);
            var innerBoundary = "inner-boundary";
            var innerText = Encoding.ASCII.GetString(inner).Replace("===============5186485452937298459==", innerBoundary);
            var placeholder = "Content-Type: multipart/mixed; boundary=\"===============5186485452937298459==\"; charset=\"us-ascii\"\nMIME-Version: 1.0\nContent-Disposition: attachment; filename=\"part\"\n\n";
            Assert.Contains(placeholder, outerText);
            var nested = outerText.Replace(placeholder, innerText);

            var result = UserDataReader.Read(Utf8(nested));

            Assert.Equal("no", result.Settings["cdp:snapshot:image"]);
            Assert.Equal("inner", result.Settings["cdp:snapshot:policy"]);
        }

        [Fact]
        public void KeyGivenTwice_LastWins_WithAWarning()
        {
            var message = Multipart("\n",
                ("text/x-shellscript", null, Utf8("# cdp:snapshot:keep-generations=3")),
                ("text/x-shellscript", null, Utf8("# CDP:Snapshot:keep-generations=9")));

            var result = UserDataReader.Read(message);

            Assert.Equal("9", result.Settings["cdp:snapshot:keep-generations"]);
            var warning = Assert.Single(result.Warnings);
            Assert.Contains("cdp:snapshot:keep-generations", warning);
            Assert.Contains("'9'", warning);
        }

        [Fact]
        public void MalformedKey_IsWarnedAboutAndSkipped()
        {
            var result = UserDataReader.Read(Utf8("# cdp:snapshot=7\n# cdp:snapshot:keep_generations=7\n"));

            Assert.Empty(result.Settings);
            Assert.Equal(2, result.Warnings.Count);
        }

        [Fact]
        public void PascalCaseSettingInKey_IsNormalisedToKebab()
        {
            var result = UserDataReader.Read(Utf8("# cdp:snapshot:KeepGenerations=4"));

            Assert.Equal("4", result.Settings["cdp:snapshot:keep-generations"]);
        }

        [Fact]
        public void TrailingCommentAfterAnUnquotedValue_IsDropped()
        {
            var result = UserDataReader.Read(Utf8("# cdp:snapshot:keep-generations=7   # a week\n# cdp:snapshot:policy=\"a # b\"\n"));

            Assert.Equal("7", result.Settings["cdp:snapshot:keep-generations"]);
            Assert.Equal("a # b", result.Settings["cdp:snapshot:policy"]);
        }

        [Fact]
        public void ScriptWithoutSettings_GivesNothingAndNoWarning()
        {
            var result = UserDataReader.Read(Utf8("#!/bin/sh\necho hello # cdp:snapshot:image=true\n"));

            Assert.Empty(result.Settings);
            Assert.Empty(result.Warnings);
        }

        [Fact]
        public void PlainWordThatIsValidBase64_IsTreatedAsText()
        {
            var result = UserDataReader.Read(Utf8("true"));

            Assert.Empty(result.Settings);
            Assert.Empty(result.Warnings);
            Assert.Empty(result.Forms);
        }

        [Fact]
        public void RandomBinary_GivesNoSettingsAndNoException()
        {
            var random = new Random(42);
            for (var i = 0; i < 200; i++)
            {
                var garbage = new byte[random.Next(1, 2048)];
                random.NextBytes(garbage);
                if (i % 3 == 0) { garbage[0] = 0x1f; if (garbage.Length > 1) garbage[1] = 0x8b; } // fake gzip header

                var result = UserDataReader.Read(garbage);

                Assert.Empty(result.Settings);
            }
        }

        [Fact]
        public void BinaryData_WarnsThatItWasNotRead()
        {
            var result = UserDataReader.Read(new byte[] { 0, 1, 2, 3, 0xff, 0xfe, 0, 0, 7, 8 });

            Assert.Empty(result.Settings);
            Assert.Single(result.Warnings);
        }

        [Fact]
        public void TruncatedGzip_WarnsAndDoesNotThrow()
        {
            var gzip = Gzip(Utf8(ShellScript));

            var result = UserDataReader.Read(gzip.Take(gzip.Length / 2).ToArray());

            Assert.Empty(result.Settings);
            Assert.Contains(result.Warnings, w => w.Contains("gzip"));
        }

        [Fact]
        public void NullOrEmpty_GivesNothing()
        {
            Assert.Empty(UserDataReader.Read((byte[]?)null).Settings);
            Assert.Empty(UserDataReader.Read(Array.Empty<byte>()).Settings);
            Assert.Empty(UserDataReader.Read("   \r\n").Settings);
        }

        [Fact]
        public void DeeplyNestedBase64_StopsAtTheDepthLimit()
        {
            var data = Utf8(ShellScript);
            for (var i = 0; i < UserDataReader.MaxDepth + 2; i++) data = Utf8(Base64(data));

            var result = UserDataReader.Read(data);

            Assert.Empty(result.Settings);
            Assert.Contains(result.Warnings, w => w.Contains("layers"));
        }
    }
}
