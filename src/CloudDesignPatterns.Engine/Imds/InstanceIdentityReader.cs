using System;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using CloudDesignPatterns.Engine.Errors;
using CloudDesignPatterns.Model;

namespace CloudDesignPatterns.Engine.Imds
{
    /// <summary>Builds an <see cref="InstanceIdentity"/> from the identity document and a few metadata paths, within one budget.</summary>
    public sealed class InstanceIdentityReader
    {
        private readonly ImdsClient imds;

        public InstanceIdentityReader(ImdsClient imds) { this.imds = imds; }

        public async Task<InstanceIdentity> ReadAsync(CancellationToken cancel)
        {
            using var budget = imds.StartBudget(cancel);
            var ct = budget.Token;
            try
            {
                var document = await imds.GetAsync("dynamic/instance-identity/document", ct).ConfigureAwait(false)
                    ?? throw Invalid("the identity document is missing");
                var identity = ParseDocument(document);
                identity.MacAddress = (await imds.GetAsync("meta-data/mac", ct).ConfigureAwait(false) ?? "").Trim();
                await ReadInterfacesAsync(identity, ct).ConfigureAwait(false);
                identity.IamRoleName = FirstLine(await imds.GetAsync("meta-data/iam/security-credentials/", ct).ConfigureAwait(false));
                return identity;
            }
            catch (PatternException) when (cancel.IsCancellationRequested) { throw new OperationCanceledException(cancel); }
        }

        private async Task ReadInterfacesAsync(InstanceIdentity identity, CancellationToken ct)
        {
            var macs = Lines(await imds.GetAsync("meta-data/network/interfaces/macs/", ct).ConfigureAwait(false))
                .Select(m => m.TrimEnd('/')).ToList();
            // The primary interface's MAC is meta-data/mac; list it first whatever order the listing has.
            macs = macs.OrderBy(m => string.Equals(m, identity.MacAddress, StringComparison.OrdinalIgnoreCase) ? 0 : 1).ToList();
            var ids = new string[macs.Count];
            for (var i = 0; i < macs.Count; i++)
                ids[i] = (await imds.GetAsync($"meta-data/network/interfaces/macs/{macs[i]}/interface-id", ct).ConfigureAwait(false) ?? "").Trim();
            identity.NetworkInterfaceIds = ids.Where(id => id.Length > 0).ToArray();
            if (identity.MacAddress.Length > 0)
            {
                var prefix = $"meta-data/network/interfaces/macs/{identity.MacAddress}/";
                identity.VpcId = (await imds.GetAsync(prefix + "vpc-id", ct).ConfigureAwait(false) ?? "").Trim();
                identity.SubnetId = (await imds.GetAsync(prefix + "subnet-id", ct).ConfigureAwait(false) ?? "").Trim();
            }
        }

        internal static InstanceIdentity ParseDocument(string json)
        {
            try
            {
                using var doc = JsonDocument.Parse(json);
                var root = doc.RootElement;
                string Str(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() ?? "" : "";
                var identity = new InstanceIdentity
                {
                    InstanceId = Str("instanceId"),
                    Region = Str("region"),
                    AvailabilityZone = Str("availabilityZone"),
                    AccountId = Str("accountId"),
                    InstanceType = Str("instanceType"),
                    ImageId = Str("imageId"),
                    PrivateIpAddress = Str("privateIp"),
                };
                if (identity.InstanceId.Length == 0 || identity.Region.Length == 0) throw Invalid("it has no instanceId or region");
                return identity;
            }
            catch (JsonException ex) { throw Invalid("it is not JSON: " + ex.Message); }
        }

        private static string? FirstLine(string? text) => Lines(text).FirstOrDefault();

        private static string[] Lines(string? text)
            => (text ?? "").Split(new[] { '\n', '\r' }, StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()).Where(l => l.Length > 0).ToArray();

        private static PatternException Invalid(string why)
            => new PatternException("ImdsInvalidIdentity", PatternErrorCategory.InvalidData, "The instance identity document could not be read: " + why + ".");
    }
}
