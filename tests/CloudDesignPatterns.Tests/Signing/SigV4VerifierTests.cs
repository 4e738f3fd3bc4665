using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using CloudDesignPatterns.Engine.Signing;

namespace CloudDesignPatterns.Tests.Signing
{
    public sealed class SigV4VerifierTests
    {
        private const string Secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
        private static readonly DateTimeOffset At = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
        private static readonly SigV4Credentials Credentials = new SigV4Credentials("AKIDEXAMPLE", Secret, "session-token");
        private static readonly SigV4SigningOptions Options = new SigV4SigningOptions("us-east-1", "route53", At);

        [Fact]
        public void Accepts_an_untouched_signed_request()
        {
            var result = new SigV4Verifier().Verify(SignedRequest(), Secret, At.AddMinutes(1));

            Assert.True(result.IsValid, result.Message);
            Assert.Equal("AKIDEXAMPLE", result.AccessKeyId);
            Assert.Equal("route53", result.Authorization!.Service);
        }

        public static TheoryData<string> Tampering => new TheoryData<string> { "body", "path", "query", "signed header", "method", "token" };

        [Theory]
        [MemberData(nameof(Tampering))]
        public void Rejects_a_tampered_request(string whatChanged)
        {
            var request = SignedRequest(
                method: whatChanged == "method" ? "PUT" : "POST",
                path: whatChanged == "path" ? "/2013-04-01/hostedzone/Z2/rrset" : "/2013-04-01/hostedzone/Z1/rrset",
                body: whatChanged == "body" ? "<Change>DELETE</Change>" : "<Change>UPSERT</Change>",
                extraQuery: whatChanged == "query" ? "maxitems=1" : null,
                tamperHeader: whatChanged == "signed header" ? "Content-Type" : whatChanged == "token" ? "X-Amz-Security-Token" : null);

            var result = new SigV4Verifier().Verify(request, Secret, At);

            Assert.False(result.IsValid);
            Assert.Equal(SigV4VerificationStatus.SignatureMismatch, result.Status);
            Assert.NotNull(result.CanonicalRequest);
        }

        [Fact]
        public void Rejects_a_wrong_secret()
        {
            var result = new SigV4Verifier().Verify(SignedRequest(), "not-the-secret", At);

            Assert.Equal(SigV4VerificationStatus.SignatureMismatch, result.Status);
        }

        [Fact]
        public void Unknown_access_key_is_reported_as_such()
        {
            var result = new SigV4Verifier().Verify(SignedRequest(), accessKeyId => null, At);

            Assert.Equal(SigV4VerificationStatus.UnknownAccessKey, result.Status);
        }

        [Fact]
        public void Looks_the_secret_up_by_the_claimed_access_key()
        {
            var secrets = new Dictionary<string, string> { ["AKIDEXAMPLE"] = Secret };

            var result = new SigV4Verifier().Verify(SignedRequest(), id => secrets.TryGetValue(id, out var s) ? s : null, At);

            Assert.True(result.IsValid, result.Message);
        }

        [Fact]
        public void Rejects_a_request_outside_the_clock_skew()
        {
            var result = new SigV4Verifier().Verify(SignedRequest(), Secret, At.AddMinutes(16));

            Assert.Equal(SigV4VerificationStatus.RequestExpired, result.Status);
        }

        [Fact]
        public void Missing_authentication_is_reported()
        {
            var request = new SigV4Request("GET", "/").AddHeader("Host", "localhost");

            Assert.Equal(SigV4VerificationStatus.MissingAuthentication, new SigV4Verifier().Verify(request, Secret, At).Status);
        }

        [Fact]
        public void Malformed_authorization_is_reported()
        {
            var request = new SigV4Request("GET", "/").AddHeader("Host", "localhost").AddHeader("Authorization", "AWS4-HMAC-SHA256 nonsense");

            Assert.Equal(SigV4VerificationStatus.MalformedAuthorization, new SigV4Verifier().Verify(request, Secret, At).Status);
        }

        [Fact]
        public void Scope_date_must_match_x_amz_date()
        {
            var request = SignedRequest();
            Replace(request, "X-Amz-Date", "20260103T030405Z");

            var result = new SigV4Verifier().Verify(request, Secret, At.AddDays(1));

            Assert.Equal(SigV4VerificationStatus.InvalidDate, result.Status);
        }

        [Fact]
        public void Content_sha256_header_must_match_the_body()
        {
            var options = new SigV4SigningOptions("us-east-1", "s3", At) { AddContentSha256Header = true };
            var request = SignedRequest(options: options);
            request.Payload = Encoding.UTF8.GetBytes("swapped body");

            Assert.Equal(SigV4VerificationStatus.PayloadHashMismatch, new SigV4Verifier().Verify(request, Secret, At).Status);
        }

        [Fact]
        public void A_signed_header_that_did_not_arrive_fails()
        {
            var request = SignedRequest();
            var contentType = request.Headers.First(h => h.Key == "Content-Type");
            request.Headers.Remove(contentType);

            var result = new SigV4Verifier().Verify(request, Secret, At);

            Assert.Equal(SigV4VerificationStatus.SignatureMismatch, result.Status);
            Assert.Contains("content-type", result.Message);
        }

        [Fact]
        public void Accepts_a_presigned_request_until_it_expires()
        {
            var options = new SigV4SigningOptions("us-east-1", "route53", At) { PresignExpiry = TimeSpan.FromMinutes(5) };
            var request = new SigV4Request("GET", "/2013-04-01/hostedzone").AddRawQuery("maxitems=10").AddHeader("Host", "127.0.0.1:8053");
            var presigned = new SigV4Signer().Presign(request, Credentials, options);
            var received = new SigV4Request("GET", "/2013-04-01/hostedzone")
                .AddRawQuery("maxitems=10&" + presigned.QueryStringToAppend)
                .AddHeader("Host", "127.0.0.1:8053");
            var verifier = new SigV4Verifier();

            Assert.True(verifier.Verify(received, Secret, At.AddMinutes(4)).IsValid);
            Assert.Equal(SigV4VerificationStatus.RequestExpired, verifier.Verify(received, Secret, At.AddMinutes(6)).Status);

            var tampered = new SigV4Request("GET", "/2013-04-01/hostedzone")
                .AddRawQuery("maxitems=99&" + presigned.QueryStringToAppend)
                .AddHeader("Host", "127.0.0.1:8053");
            Assert.Equal(SigV4VerificationStatus.SignatureMismatch, verifier.Verify(tampered, Secret, At).Status);
        }

        private static SigV4Request SignedRequest(string method = "POST", string path = "/2013-04-01/hostedzone/Z1/rrset",
            string body = "<Change>UPSERT</Change>", string? extraQuery = null, string? tamperHeader = null, SigV4SigningOptions? options = null)
        {
            var original = Describe("POST", "/2013-04-01/hostedzone/Z1/rrset", "<Change>UPSERT</Change>");
            var result = new SigV4Signer().Sign(original, Credentials, options ?? Options);

            var received = Describe(method, path, body);
            if (extraQuery != null) received.AddRawQuery(extraQuery);
            foreach (var header in result.HeadersToAdd) received.AddHeader(header.Key, header.Value);
            if (tamperHeader != null) Replace(received, tamperHeader, "tampered");
            return received;
        }

        private static SigV4Request Describe(string method, string path, string body)
        {
            var request = new SigV4Request(method, path)
                .AddHeader("Host", "route53.amazonaws.com")
                .AddHeader("Content-Type", "text/xml");
            request.Payload = Encoding.UTF8.GetBytes(body);
            return request;
        }

        private static void Replace(SigV4Request request, string name, string value)
        {
            var index = request.Headers.ToList().FindIndex(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase));
            Assert.True(index >= 0, $"header {name} not found");
            request.Headers[index] = new KeyValuePair<string, string>(request.Headers[index].Key, value);
        }
    }
}
