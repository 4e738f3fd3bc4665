using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.EC2.Model;
using CloudDesignPatterns.Engine.Aws;
using CloudDesignPatterns.Engine.Errors;

namespace CloudDesignPatterns.Engine.Ec2
{
    /// <summary>
    /// A region must be one the SDK knows or, with an endpoint override (a sandbox, a new partition), one the endpoint lists.
    /// Checked before any change is made.
    /// </summary>
    public static class RegionValidator
    {
        private static readonly ConcurrentDictionary<string, string[]> EndpointRegions = new ConcurrentDictionary<string, string[]>();

        public static async Task RequireAsync(Ec2Session session, string region, string what, CancellationToken cancel)
        {
            if (!RegionCatalog.HasRegionShape(region))
                throw Unknown(region, what, "it is not a region name");
            var endpoint = session.Context.EndpointFor("EC2");
            if (endpoint == null)
            {
                if (!RegionCatalog.IsKnown(region)) throw Unknown(region, what, "the AWS SDK knows no such region");
                return;
            }
            if (RegionCatalog.IsKnown(region)) return;
            var served = await ServedAsync(session, endpoint.Value, cancel).ConfigureAwait(false);
            if (!served.Contains(region, StringComparer.Ordinal))
                throw Unknown(region, what, $"neither the AWS SDK nor the endpoint {endpoint.Value} knows it");
        }

        private static async Task<string[]> ServedAsync(Ec2Session session, Uri endpoint, CancellationToken cancel)
        {
            if (EndpointRegions.TryGetValue(endpoint.ToString(), out var cached)) return cached;
            var response = await session.CallAsync("DescribeRegions", "all regions", true,
                (c, ct) => c.DescribeRegionsAsync(new DescribeRegionsRequest { AllRegions = true }, ct), cancel).ConfigureAwait(false);
            var names = (response.Regions ?? new System.Collections.Generic.List<Region>()).Select(r => r.RegionName).ToArray();
            return EndpointRegions[endpoint.ToString()] = names;
        }

        internal static void Forget(Uri endpoint) => EndpointRegions.TryRemove(endpoint.ToString(), out _);

        private static PatternException Unknown(string region, string what, string why)
            => new PatternException("UnknownRegion", PatternErrorCategory.InvalidArgument,
                $"Unknown region '{region}' ({what}): {why}. Use a name such as 'ap-northeast-1'; Get-PatternDefault shows the session's region.");
    }
}
