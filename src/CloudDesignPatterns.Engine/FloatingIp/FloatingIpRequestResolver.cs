using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using CloudDesignPatterns.Engine.CloudDi;
using CloudDesignPatterns.Engine.Configuration;
using CloudDesignPatterns.Engine.Ec2;
using CloudDesignPatterns.Engine.Errors;
using CloudDesignPatterns.Model;

namespace CloudDesignPatterns.Engine.FloatingIp
{
    /// <summary>The address and target of one floating-IP command once Cloud DI has filled what was not typed.</summary>
    public sealed class FloatingIpRequest
    {
        public FloatingAddressSpec Address { get; set; } = null!;
        /// <summary>Null for Get-FloatingIp.</summary>
        public FloatingIpTarget? Target { get; set; }
        /// <summary>The target's VPC when known before any describe (-Self).</summary>
        public string? VpcId { get; set; }
    }

    /// <summary>
    /// Resolves -AllocationId / -PublicIp / -PrivateIp: what the user typed wins; otherwise cdp:floating-ip:* of this
    /// instance (-Self, through instance metadata) or of the target instance (-InstanceId, its tags). Instance metadata
    /// that does not answer is an error here, before any change.
    /// </summary>
    public static class FloatingIpRequestResolver
    {
        public static async Task<FloatingIpRequest> ResolveAsync(Ec2Session ec2, string? allocationId, string? publicIp, string? privateIp,
            string? instanceId, string? networkInterfaceId, string? toPrivateIp, bool self, CancellationToken cancel)
        {
            var typed = allocationId != null || publicIp != null || privateIp != null;
            var request = new FloatingIpRequest();
            if (self)
            {
                var settings = await SelfInstance.ReadInRegionAsync(ec2, cancel).ConfigureAwait(false);
                var identity = settings.Identity!;
                if (identity.NetworkInterfaceIds.Length == 0)
                    throw new PatternException("ImdsInvalidIdentity", PatternErrorCategory.InvalidData, $"Instance metadata lists no network interface for {identity.InstanceId}.");
                request.Target = new FloatingIpTarget(identity.InstanceId, identity.NetworkInterfaceIds[0], toPrivateIp, self: true);
                request.VpcId = string.IsNullOrEmpty(identity.VpcId) ? null : identity.VpcId;
                request.Address = typed ? FloatingAddressSpec.From(allocationId, publicIp, privateIp)
                    : FromSettings(ec2, settings.Tags, settings.UserData.Settings, identity.InstanceId, identity.Region);
                return request;
            }

            if (instanceId != null || networkInterfaceId != null)
                request.Target = new FloatingIpTarget(instanceId, networkInterfaceId, toPrivateIp, self: false);
            if (typed)
            {
                request.Address = FloatingAddressSpec.From(allocationId, publicIp, privateIp);
                return request;
            }
            if (instanceId == null)
                throw new PatternException("FloatingIpRequired", PatternErrorCategory.InvalidArgument,
                    "No address: pass -AllocationId, -PublicIp or -PrivateIp (only -Self and -InstanceId read cdp:floating-ip:* settings).");
            // -InstanceId: the target instance's own cdp:floating-ip:* tags name the address it should hold.
            var input = await InstanceSettingsReader.ReadAsync(ec2, instanceId, cancel).ConfigureAwait(false);
            request.Address = FromSettings(ec2, input.Tags, input.UserData.Settings, instanceId, ec2.Region);
            return request;
        }

        private static FloatingAddressSpec FromSettings(Ec2Session ec2, IReadOnlyDictionary<string, string> tags, IReadOnlyDictionary<string, string>? userData,
            string instanceId, string region)
        {
            var configuration = ConfigurationResolver.Resolve("floating-ip", tags, userData, null, instanceId, region);
            foreach (var warning in configuration.Warnings) ec2.Log.Warning(warning);
            string? Value(string name)
            {
                var setting = configuration.Find(name);
                if (setting != null) ec2.Log.Debug($"{name} {setting.RawValue} from {setting.Source} {setting.Key} of {instanceId}");
                return setting?.Value as string;
            }
            return FloatingAddressSpec.From(Value("AllocationId"), Value("PublicIp"), Value("PrivateIp"));
        }
    }
}
