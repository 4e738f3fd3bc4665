using System.Linq;

namespace CloudDesignPatterns.Sandbox.Ec2.State
{
    /// <summary>
    /// What still holds a security group, as DeleteSecurityGroup sees it: an instance that is not yet terminated (a
    /// shutting-down instance still has its interface), an interface, or another group's rule. Null when nothing does.
    /// </summary>
    internal static class SecurityGroupUsage
    {
        public static string? HeldBy(RegionState region, SecurityGroupRecord group)
        {
            var instance = region.Instances.Values.FirstOrDefault(i => i.State != InstanceStates.Terminated && i.SecurityGroupIds.Contains(group.Id));
            if (instance != null) return $"instance {instance.Id} ({instance.State})";
            var eni = region.NetworkInterfaces.Values.FirstOrDefault(e => e.SecurityGroupIds.Contains(group.Id));
            if (eni != null) return $"network interface {eni.Id}";
            var referencing = region.SecurityGroups.Values.FirstOrDefault(g => g != group && g.Ingress.Concat(g.Egress).Any(r => r.SourceGroupId == group.Id));
            return referencing == null ? null : $"a rule of security group {referencing.Id}";
        }
    }
}
