using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Amazon.EC2;
using Amazon.Runtime;
using CloudDesignPatterns.Engine.Signing;

namespace CloudDesignPatterns.Engine.Ec2.Query
{
    /// <summary>
    /// One EC2 Query API call without the SDK's unmarshaller, for the describes whose size the SDK cannot keep up with
    /// (100 pages of 1,000 snapshots): a form POST signed with our SigV4 signer, the answer read into a pooled buffer and
    /// handed to a parser. Error answers become <see cref="AmazonEC2Exception"/> with EC2's code and HTTP status, so
    /// <see cref="Aws.AwsCallRunner"/> retries, paces and reports them exactly as it does the SDK's.
    /// </summary>
    internal static class Ec2QueryCall
    {
        public const string ApiVersion = "2016-11-15";
        private static readonly HttpClient Http = new HttpClient(QueryHttpHandler.Create())
        {
            Timeout = System.Threading.Timeout.InfiniteTimeSpan, // the runner bounds each attempt
        };
        private static readonly SigV4HttpRequestSigner Signer = new SigV4HttpRequestSigner();

        /// <summary>The call's successful answer, unparsed, in a pooled buffer; an error answer is thrown as <see cref="AmazonEC2Exception"/>.</summary>
        public static async Task<Ec2QueryResponse> FetchAsync(Uri endpoint, string region, AWSCredentials credentials, string action,
            IEnumerable<KeyValuePair<string, string>> parameters, CancellationToken cancel)
        {
            var keys = await credentials.GetCredentialsAsync().ConfigureAwait(false);
            using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
            {
                Content = new ByteArrayContent(Encoding.UTF8.GetBytes(FormBody(action, parameters))),
            };
            request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
            await Signer.SignAsync(request, new SigV4Credentials(keys.AccessKey, keys.SecretKey, keys.Token),
                SigV4SigningOptions.ForService(region, "ec2", DateTimeOffset.UtcNow)).ConfigureAwait(false);

            using var response = await Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancel).ConfigureAwait(false);
            var (body, length) = await ReadBodyAsync(response.Content, cancel).ConfigureAwait(false);
            if (response.IsSuccessStatusCode) return new Ec2QueryResponse(body, length);
            try { throw Ec2QueryErrors.ToException(body, length, response.StatusCode); }
            finally { ArrayPool<byte>.Shared.Return(body); }
        }

        /// <summary>"Action=…&amp;Version=…&amp;Name=Value…", RFC 3986-encoded as the Query API expects.</summary>
        internal static string FormBody(string action, IEnumerable<KeyValuePair<string, string>> parameters)
        {
            var body = new StringBuilder("Action=").Append(Uri.EscapeDataString(action)).Append("&Version=").Append(ApiVersion);
            foreach (var p in parameters)
                body.Append('&').Append(Uri.EscapeDataString(p.Key)).Append('=').Append(Uri.EscapeDataString(p.Value));
            return body.ToString();
        }

        /// <summary>The whole body in a pooled array (a describe page is a megabyte; a fresh array each page churns the large-object heap).</summary>
        private static async Task<(byte[] Body, int Length)> ReadBodyAsync(HttpContent content, CancellationToken cancel)
        {
            var expected = content.Headers.ContentLength;
            var buffer = ArrayPool<byte>.Shared.Rent(expected is long known && known > 0 && known < int.MaxValue ? (int)known : 64 * 1024);
            var length = 0;
            try
            {
                using var stream = await content.ReadAsStreamAsync().ConfigureAwait(false);
                while (true)
                {
                    if (length == buffer.Length)
                    {
                        var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                        Buffer.BlockCopy(buffer, 0, larger, 0, length);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = larger;
                    }
                    var read = await stream.ReadAsync(buffer, length, buffer.Length - length, cancel).ConfigureAwait(false);
                    if (read == 0) break;
                    length += read;
                }
                if (expected.HasValue && length != expected.Value)
                    throw new IOException($"The response ended after {length} of {expected.Value} bytes.");
                return (buffer, length);
            }
            catch
            {
                ArrayPool<byte>.Shared.Return(buffer);
                throw;
            }
        }

        /// <summary>"Filter.1.Name=…", "Filter.1.Value.1=…" for each filter, as the Query API numbers them (from 1).</summary>
        public static IEnumerable<KeyValuePair<string, string>> Filters(IEnumerable<Amazon.EC2.Model.Filter> filters)
        {
            var n = 0;
            foreach (var filter in filters)
            {
                n++;
                var prefix = "Filter." + n.ToString(CultureInfo.InvariantCulture);
                yield return new KeyValuePair<string, string>(prefix + ".Name", filter.Name);
                var values = filter.Values ?? new List<string>();
                for (var v = 0; v < values.Count; v++)
                    yield return new KeyValuePair<string, string>(prefix + ".Value." + (v + 1).ToString(CultureInfo.InvariantCulture), values[v]);
            }
        }
    }
}
