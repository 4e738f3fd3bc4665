using System.IO;
using System.Linq;
using System.Text;
using CloudDesignPatterns.Engine.Signing;

namespace CloudDesignPatterns.Tests.Signing
{
    /// <summary>Every case of the AWS SigV4 test suite (aws-c-auth's v4 folder), header and query forms.</summary>
    public sealed class SigningSuiteTests
    {
        private static readonly SigV4Signer Signer = new SigV4Signer();

        public static TheoryData<string> CaseNames()
        {
            var data = new TheoryData<string>();
            foreach (var folder in Directory.GetDirectories(TestData.SigningSuiteV4).OrderBy(f => f, System.StringComparer.Ordinal))
            {
                data.Add(Path.GetFileName(folder));
            }
            return data;
        }

        [Fact]
        public void Suite_has_all_38_cases()
        {
            Assert.Equal(38, ((System.Collections.Generic.IEnumerable<object[]>)CaseNames()).Count());
        }

        [Theory]
        [MemberData(nameof(CaseNames))]
        public void Header_signing_matches_suite(string caseName)
        {
            var suiteCase = Load(caseName);

            var result = Signer.Sign(suiteCase.ToRequest(), suiteCase.Credentials, suiteCase.Options);

            Assert.Equal(suiteCase.Expected("header-canonical-request.txt"), result.CanonicalRequest);
            Assert.Equal(suiteCase.Expected("header-string-to-sign.txt"), result.StringToSign);
            Assert.Equal(suiteCase.Expected("header-signature.txt"), result.Signature);
            Assert.Equal(suiteCase.Expected("header-signed-request.txt"), HeaderSignedRequest(suiteCase, result));
        }

        [Theory]
        [MemberData(nameof(CaseNames))]
        public void Query_presigning_matches_suite(string caseName)
        {
            var suiteCase = Load(caseName);

            var result = Signer.Presign(suiteCase.ToRequest(), suiteCase.Credentials, suiteCase.Options);

            Assert.Equal(suiteCase.Expected("query-canonical-request.txt"), result.CanonicalRequest);
            Assert.Equal(suiteCase.Expected("query-string-to-sign.txt"), result.StringToSign);
            Assert.Equal(suiteCase.Expected("query-signature.txt"), result.Signature);
            Assert.Equal(suiteCase.Expected("query-signed-request.txt"), QuerySignedRequest(suiteCase, result));
        }

        [Theory]
        [MemberData(nameof(CaseNames))]
        public void Verifier_accepts_every_header_signed_suite_request(string caseName)
        {
            var suiteCase = Load(caseName);
            var result = Signer.Sign(suiteCase.ToRequest(), suiteCase.Credentials, suiteCase.Options);
            var received = suiteCase.ToRequest();
            foreach (var header in result.HeadersToAdd) received.AddHeader(header.Key, header.Value);
            var verifier = new SigV4Verifier { NormalizePath = suiteCase.Options.NormalizePath };

            var verification = verifier.Verify(received, suiteCase.Credentials.SecretAccessKey, suiteCase.Options.Timestamp);

            Assert.True(verification.IsValid, verification.Message);
        }

        private static SigningSuiteCase Load(string caseName)
            => SigningSuiteCase.Load(Path.Combine(TestData.SigningSuiteV4, caseName));

        private static string HeaderSignedRequest(SigningSuiteCase suiteCase, SigV4SigningResult result)
        {
            var text = new StringBuilder();
            text.Append(suiteCase.RequestLine).Append('\n');
            foreach (var line in suiteCase.RawHeaderLines) text.Append(line).Append('\n');
            foreach (var header in result.HeadersToAdd) text.Append(header.Key).Append(':').Append(header.Value).Append('\n');
            return text.Append('\n').Append(suiteCase.Body).ToString();
        }

        private static string QuerySignedRequest(SigningSuiteCase suiteCase, SigV4PresignResult result)
        {
            var query = string.IsNullOrEmpty(suiteCase.RawQuery) ? result.QueryStringToAppend : suiteCase.RawQuery + "&" + result.QueryStringToAppend;
            var text = new StringBuilder();
            text.Append(suiteCase.Method).Append(' ').Append(suiteCase.Path).Append('?').Append(query).Append(' ').Append(suiteCase.HttpVersion).Append('\n');
            foreach (var line in suiteCase.RawHeaderLines) text.Append(line).Append('\n');
            return text.Append('\n').Append(suiteCase.Body).ToString();
        }
    }
}
