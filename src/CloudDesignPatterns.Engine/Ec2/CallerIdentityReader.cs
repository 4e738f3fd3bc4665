using System;
using System.Threading;
using System.Threading.Tasks;
using Amazon;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;

namespace CloudDesignPatterns.Engine.Ec2
{
    /// <summary>Who the caller is, from STS GetCallerIdentity (needs no permission), through the session's retrying runner.</summary>
    public static class CallerIdentityReader
    {
        public static async Task<CallerIdentity> ReadAsync(Ec2Session session, CancellationToken cancel)
        {
            var context = session.Context;
            var endpoint = context.EndpointFor("STS");
            var config = new AmazonSecurityTokenServiceConfig { MaxErrorRetry = 0, Timeout = session.Runner.Policy.AttemptTimeout };
            if (endpoint != null)
            {
                config.ServiceURL = endpoint.Value.ToString();
                config.AuthenticationRegion = context.Region.Value;
            }
            else
            {
                config.RegionEndpoint = RegionEndpoint.GetBySystemName(context.Region.Value);
            }
            using var client = new AmazonSecurityTokenServiceClient(context.Credentials, config);
            var answer = await session.Runner.RunAsync("sts:GetCallerIdentity", "caller", true,
                ct => client.GetCallerIdentityAsync(new GetCallerIdentityRequest(), ct), cancel).ConfigureAwait(false);
            return new CallerIdentity(answer.Arn, answer.Account, answer.UserId);
        }
    }

    /// <summary>The caller as STS names it.</summary>
    public sealed class CallerIdentity
    {
        public CallerIdentity(string arn, string account, string userId)
        {
            Arn = arn; Account = account; UserId = userId;
        }

        public string Arn { get; }
        public string Account { get; }
        public string UserId { get; }

        /// <summary>One principal or two: the same ARN (IAM ARNs compare case-insensitively) is the same person.</summary>
        public bool IsSameAs(string? arn) => string.Equals(Arn, arn, StringComparison.OrdinalIgnoreCase);
    }
}
