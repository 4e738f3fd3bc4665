using System;
using System.Linq;
using System.Text;
using CloudDesignPatterns.Engine.Signing;

namespace CloudDesignPatterns.Tests.Signing
{
    public sealed class SigV4SignerTests
    {
        private static readonly DateTimeOffset At = new DateTimeOffset(2015, 8, 30, 12, 36, 0, TimeSpan.Zero);
        private static readonly SigV4Credentials Credentials = new SigV4Credentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");

        [Fact]
        public void Signing_key_is_derived_once_per_date_region_and_service()
        {
            var signer = new SigV4Signer();
            var first = signer.GetSigningKey("secret", "20150830", "us-east-1", "route53");

            var again = signer.GetSigningKey("secret", "20150830", "us-east-1", "route53");
            var otherDay = signer.GetSigningKey("secret", "20150831", "us-east-1", "route53");

            Assert.Same(first, again);
            Assert.NotEqual(first, otherDay);
            Assert.Equal(2, signer.CachedSigningKeyCount);
        }

        [Fact]
        public void Signing_key_matches_the_documented_derivation_example()
        {
            // AWS documentation example: secret wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY, 20120215, us-east-1, iam.
            var key = new SigV4Signer().GetSigningKey("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "20120215", "us-east-1", "iam");

            Assert.Equal("f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d", Convert.ToHexString(key).ToLowerInvariant());
        }

        [Fact]
        public void Timestamp_is_converted_to_utc()
        {
            var tokyo = new DateTimeOffset(2015, 8, 30, 21, 36, 0, TimeSpan.FromHours(9));
            var result = new SigV4Signer().Sign(VanillaRequest(), Credentials, new SigV4SigningOptions("us-east-1", "service", tokyo));

            Assert.Equal("20150830T123600Z", result.AmzDate);
            Assert.Equal("5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31", result.Signature);
        }

        [Fact]
        public void Resigning_replaces_previous_signature_headers_instead_of_signing_them()
        {
            var request = VanillaRequest()
                .AddHeader("X-Amz-Date", "20000101T000000Z")
                .AddHeader("Authorization", "AWS4-HMAC-SHA256 stale");

            var result = new SigV4Signer().Sign(request, Credentials, new SigV4SigningOptions("us-east-1", "service", At));

            Assert.Equal("host;x-amz-date", result.SignedHeaders);
            Assert.Equal("5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31", result.Signature);
        }

        [Fact]
        public void User_agent_and_hop_by_hop_headers_are_not_signed()
        {
            var request = VanillaRequest().AddHeader("User-Agent", "pwsh").AddHeader("Connection", "keep-alive").AddHeader("X-Custom", "1");

            var result = new SigV4Signer().Sign(request, Credentials, new SigV4SigningOptions("us-east-1", "service", At));

            Assert.Equal("host;x-amz-date;x-custom", result.SignedHeaders);
        }

        [Fact]
        public void S3_options_keep_the_path_as_sent_and_sign_the_payload_hash_header()
        {
            var request = new SigV4Request("PUT", "/bucket/a%20b//c/../d").AddHeader("Host", "s3.amazonaws.com");
            request.Payload = Encoding.UTF8.GetBytes("hello");

            var result = new SigV4Signer().Sign(request, Credentials, SigV4SigningOptions.ForS3("us-east-1", At));

            Assert.Equal("/bucket/a%20b//c/../d", result.CanonicalRequest.Split('\n')[1]);
            Assert.Equal("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824", result.PayloadHash);
            Assert.Contains(result.HeadersToAdd, h => h.Key == "x-amz-content-sha256" && h.Value == result.PayloadHash);
            Assert.Contains("x-amz-content-sha256", result.SignedHeaders);
        }

        [Fact]
        public void Non_s3_path_already_encoded_on_the_wire_is_encoded_again()
        {
            var request = new SigV4Request("GET", "/2013-04-01/hostedzone/Z1%2FX").AddHeader("Host", "route53.amazonaws.com");

            var result = new SigV4Signer().Sign(request, Credentials, new SigV4SigningOptions("us-east-1", "route53", At));

            Assert.Equal("/2013-04-01/hostedzone/Z1%252FX", result.CanonicalRequest.Split('\n')[1]);
        }

        [Fact]
        public void Precomputed_payload_hash_wins_over_payload()
        {
            var request = VanillaRequest();
            request.Payload = Encoding.UTF8.GetBytes("ignored");
            request.PayloadHash = SigV4Constants.UnsignedPayload;

            var result = new SigV4Signer().Presign(request, Credentials, new SigV4SigningOptions("us-east-1", "s3", At));

            Assert.EndsWith("\nUNSIGNED-PAYLOAD", result.CanonicalRequest);
        }

        [Fact]
        public void Presign_rejects_expiry_beyond_seven_days()
        {
            var options = new SigV4SigningOptions("us-east-1", "service", At) { PresignExpiry = TimeSpan.FromDays(8) };

            Assert.Throws<ArgumentOutOfRangeException>(() => new SigV4Signer().Presign(VanillaRequest(), Credentials, options));
        }

        [Fact]
        public void A_request_without_host_is_refused()
        {
            var options = new SigV4SigningOptions("us-east-1", "service", At);

            Assert.Throws<ArgumentException>(() => new SigV4Signer().Sign(new SigV4Request("GET", "/"), Credentials, options));
            Assert.Throws<ArgumentException>(() => new SigV4Signer().Presign(new SigV4Request("GET", "/"), Credentials, options));
        }

        [Fact]
        public void Credentials_ToString_never_shows_the_secret()
        {
            Assert.DoesNotContain("EXAMPLEKEY", Credentials.ToString());
        }

        [Fact]
        public void Query_string_parse_decodes_and_format_encodes()
        {
            var parsed = SigV4QueryString.Parse("?a=1&b=%E1%88%B4&flag&&c=x%20y");

            Assert.Equal(new[] { "a", "b", "flag", "c" }, parsed.Select(p => p.Key));
            Assert.Equal(new[] { "1", "\u1234", "", "x y" }, parsed.Select(p => p.Value));
            Assert.Equal("a=1&b=%E1%88%B4&flag=&c=x%20y", SigV4QueryString.Format(parsed));
        }

        private static SigV4Request VanillaRequest() => new SigV4Request("GET", "/").AddHeader("Host", "example.amazonaws.com");
    }
}
