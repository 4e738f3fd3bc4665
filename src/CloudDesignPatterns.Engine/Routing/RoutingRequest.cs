using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CloudDesignPatterns.Engine.CloudDi;
using CloudDesignPatterns.Engine.Configuration;
using CloudDesignPatterns.Engine.Ec2;
using CloudDesignPatterns.Engine.Errors;
using CloudDesignPatterns.Model.Configuration;

namespace CloudDesignPatterns.Engine.Routing
{
    /// <summary>The virtual IP, the target and the route tables of one routing command, once Cloud DI has filled the gaps.</summary>
    public sealed class RoutingRequest
    {
        public VirtualIp VirtualIp { get; set; } = null!;
        /// <summary>Null for Get-RoutingFailover without a target.</summary>
        public RoutingTarget? Target { get; set; }
        /// <summary>Named tables; null to discover the tables that route the virtual IP.</summary>
        public IReadOnlyList<string>? RouteTableIds { get; set; }
        public string TableSource { get; set; } = "discovered: tables with a route for the virtual IP";
    }

    /// <summary>
    /// Resolves a routing command's inputs: what the user typed wins; on the instance itself (-Self) the rest comes from
    /// its cdp:routing:virtual-ip and cdp:routing:route-table-id tags or user data, read through instance metadata.
    /// Instance metadata that does not answer is an error here, before any AWS call that changes anything.
    /// </summary>
    public static class RoutingRequestResolver
    {
        /// <param name="virtualIp">-VirtualIp as typed (already checked for form), or null.</param>
        /// <param name="routeTableIds">-RouteTableId as typed, or null.</param>
        /// <param name="self">Read this instance's identity and settings from instance metadata.</param>
        /// <param name="selfIsTarget">The instance itself is the target (-Self, or Test-RoutingFailover by default).</param>
        public static async Task<RoutingRequest> ResolveAsync(Ec2Session ec2, string? virtualIp, IReadOnlyList<string>? routeTableIds,
            RoutingTarget? explicitTarget, bool self, bool selfIsTarget, CancellationToken cancel)
        {
            var request = new RoutingRequest { Target = explicitTarget, RouteTableIds = routeTableIds };
            if (routeTableIds != null) request.TableSource = "parameter -RouteTableId";
            if (!self)
            {
                request.VirtualIp = virtualIp != null ? VirtualIp.Parse(virtualIp)
                    : throw new PatternException("VirtualIpRequired", PatternErrorCategory.InvalidArgument,
                        "-VirtualIp is required unless the command runs on the instance (-Self), where cdp:routing:virtual-ip can supply it.");
                return request;
            }

            var settings = await SelfInstance.ReadInRegionAsync(ec2, cancel).ConfigureAwait(false);
            var identity = settings.Identity!;
            var typed = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
            if (virtualIp != null) typed["VirtualIp"] = virtualIp;
            if (routeTableIds != null) typed["RouteTableId"] = routeTableIds.ToArray();
            var configuration = ConfigurationResolver.Resolve("routing", settings.Tags, settings.UserData.Settings, typed, identity.InstanceId, identity.Region);
            foreach (var warning in configuration.Warnings) ec2.Log.Warning(warning);

            var vip = configuration.Find("VirtualIp");
            if (vip == null)
                throw new PatternException("VirtualIpRequired", PatternErrorCategory.InvalidArgument,
                    $"No virtual IP: pass -VirtualIp, or set cdp:routing:virtual-ip as a tag or in the user data of {identity.InstanceId}.");
            ec2.Log.Debug($"Virtual IP {vip.RawValue} from {Describe(vip)}");
            request.VirtualIp = VirtualIp.Parse(vip.Value as string);

            var tables = configuration.Find("RouteTableId");
            if (tables != null && routeTableIds == null)
            {
                request.RouteTableIds = (string[])tables.Value;
                request.TableSource = Describe(tables);
            }
            if (selfIsTarget)
            {
                if (identity.NetworkInterfaceIds.Length == 0)
                    throw new PatternException("ImdsInvalidIdentity", PatternErrorCategory.InvalidData,
                        $"Instance metadata lists no network interface for {identity.InstanceId}.");
                request.Target = RoutingTarget.Self(identity);
            }
            return request;
        }

        private static string Describe(ConfigurationSetting setting) => setting.Source switch
        {
            ConfigurationSource.Parameter => "parameter -" + setting.ParameterName,
            ConfigurationSource.Tag => "tag " + setting.Key,
            ConfigurationSource.UserData => "user data " + setting.Key,
            _ => setting.Key,
        };
    }
}
