using CloudDesignPatterns.Engine.Signing;

namespace CloudDesignPatterns.Tests.Signing
{
    public sealed class SigV4AuthorizationHeaderTests
    {
        private const string Valid =
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/route53/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31";

        [Fact]
        public void TryParse_reads_every_part()
        {
            Assert.True(SigV4AuthorizationHeader.TryParse(Valid, out var header));

            Assert.NotNull(header);
            Assert.Equal("AKIDEXAMPLE", header!.AccessKeyId);
            Assert.Equal("20150830", header.Date);
            Assert.Equal("us-east-1", header.Region);
            Assert.Equal("route53", header.Service);
            Assert.Equal(new[] { "host", "x-amz-date" }, header.SignedHeaders);
            Assert.Equal("5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31", header.Signature);
            Assert.Equal("20150830/us-east-1/route53/aws4_request", header.CredentialScope);
        }

        [Fact]
        public void TryParse_accepts_parts_without_spaces_and_ToString_round_trips()
        {
            var compact = Valid.Replace(", ", ",");

            Assert.True(SigV4AuthorizationHeader.TryParse(compact, out var header));
            Assert.Equal(Valid, header!.ToString());
        }

        [Theory]
        [InlineData(null)]
        [InlineData("")]
        [InlineData("Basic dXNlcjpwYXNz")]
        [InlineData("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host")]
        [InlineData("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/aws4_request, SignedHeaders=host, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31")]
        [InlineData("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/2015-08-30/us-east-1/service/aws4_request, SignedHeaders=host, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31")]
        [InlineData("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host, Signature=XYZ")]
        [InlineData("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31")]
        [InlineData("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31, Extra=1")]
        public void TryParse_rejects_malformed_values(string? value)
        {
            Assert.False(SigV4AuthorizationHeader.TryParse(value, out var header));
            Assert.Null(header);
        }
    }
}
