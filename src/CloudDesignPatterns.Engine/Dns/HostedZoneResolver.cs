using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CloudDesignPatterns.Engine.Errors;
using CloudDesignPatterns.Engine.Route53;

namespace CloudDesignPatterns.Engine.Dns
{
    /// <summary>
    /// Finds the hosted zone a command works in: GetHostedZone for an id; ListHostedZonesByName for a name, where a
    /// public and a private zone of the same name (split horizon) must be told apart by -PrivateZone or -VpcId.
    /// </summary>
    internal static class HostedZoneResolver
    {
        public static async Task<HostedZone> ResolveAsync(Route53Session route53, HostedZoneSelector selector, CancellationToken cancel)
        {
            if (selector.Id != null)
            {
                var id = selector.Id.Substring(selector.Id.LastIndexOf('/') + 1);
                var described = await route53.CallAsync("GetHostedZone", id, true, (c, ct) => c.GetHostedZoneAsync(id, ct), cancel).ConfigureAwait(false);
                return described.HostedZone;
            }

            var name = DnsName.Normalize(selector.Name!);
            var listed = await route53.CallAsync("ListHostedZonesByName", name, true,
                (c, ct) => c.ListHostedZonesByNameAsync(new ListHostedZonesByNameRequest { DNSName = name }, ct), cancel).ConfigureAwait(false);
            var candidates = listed.HostedZones.Where(z => DnsName.Normalize(z.Name) == name).ToList();
            if (selector.PrivateZone || selector.VpcId != null) candidates = candidates.Where(z => z.PrivateZone).ToList();
            if (selector.VpcId != null) candidates = await AssociatedWithAsync(route53, candidates, selector.VpcId, cancel).ConfigureAwait(false);

            if (candidates.Count == 1) return candidates[0];
            if (candidates.Count == 0)
                throw new PatternException("NoSuchHostedZone", PatternErrorCategory.ObjectNotFound,
                    $"No {(selector.PrivateZone || selector.VpcId != null ? "private " : "")}hosted zone is named {name}" +
                    (selector.VpcId != null ? $" for {selector.VpcId}" : "") + ".", "NoSuchHostedZone");
            throw new PatternException("HostedZoneAmbiguous", PatternErrorCategory.InvalidArgument,
                $"{candidates.Count} hosted zones are named {name}: " +
                string.Join(", ", candidates.Select(z => $"{z.Id} ({(z.PrivateZone ? "private" : "public")})")) +
                ". Pick one with -PrivateZone, -VpcId or -HostedZoneId.");
        }

        /// <summary>The private zones associated with the VPC (GetHostedZone lists a zone's VPCs), described concurrently.</summary>
        private static async Task<List<HostedZone>> AssociatedWithAsync(Route53Session route53, List<HostedZone> zones, string vpcId, CancellationToken cancel)
        {
            var described = await Task.WhenAll(zones.Select(z =>
                route53.CallAsync("GetHostedZone", z.Id, true, (c, ct) => c.GetHostedZoneAsync(z.Id, ct), cancel))).ConfigureAwait(false);
            return described.Where(d => d.VPCs.Any(v => v.VPCId == vpcId)).Select(d => d.HostedZone).ToList();
        }
    }
}
