using System;
using System.Threading;
using System.Threading.Tasks;
using CloudDesignPatterns.Engine.Ec2;
using CloudDesignPatterns.Engine.Errors;
using CloudDesignPatterns.Engine.Imds;
using CloudDesignPatterns.Model;

namespace CloudDesignPatterns.Engine.CloudDi
{
    /// <summary>
    /// The one answer to -Self: who this instance is, in which region, with which settings. A command asks once and
    /// passes the answer on, so the tags instance metadata gave are the tags it uses (never read again by DescribeInstances).
    /// </summary>
    public static class SelfInstance
    {
        /// <summary>
        /// Who, and the cdp: tags and user data: from instance metadata, with DescribeTags through <paramref name="openEc2"/>
        /// only where instance-metadata tags are off. No region rule (Route 53 is global; the bastion falls back to parameters).
        /// </summary>
        public static Task<InstanceSettingsInput> ReadAsync(Func<Task<Ec2Session>> openEc2, CancellationToken cancel)
            => InstanceSettingsReader.ReadSelfAsync(ImdsClient.ForCurrentEnvironment(), openEc2, cancel);

        /// <summary>As <see cref="ReadAsync"/>, for a command that acts in <paramref name="ec2"/>'s region: this instance must be in it.</summary>
        public static async Task<InstanceSettingsInput> ReadInRegionAsync(Ec2Session ec2, CancellationToken cancel)
        {
            var settings = await ReadAsync(() => Task.FromResult(ec2), cancel).ConfigureAwait(false);
            RequireRegion(settings.Identity!, ec2.Region);
            return settings;
        }

        /// <summary>Who only, for a command that needs no settings: instance metadata alone, no EC2 call. No region rule:
        /// Get-PatternSnapshot -Self -Region (the DR region) lists this instance's copies there.</summary>
        public static Task<InstanceIdentity> IdentityAsync(CancellationToken cancel)
            => new InstanceIdentityReader(ImdsClient.ForCurrentEnvironment()).ReadAsync(cancel);

        /// <summary>As <see cref="IdentityAsync"/>, for a command that acts in <paramref name="ec2"/>'s region (Remove-PatternSnapshot).</summary>
        public static async Task<InstanceIdentity> IdentityInRegionAsync(Ec2Session ec2, CancellationToken cancel)
        {
            var identity = await IdentityAsync(cancel).ConfigureAwait(false);
            RequireRegion(identity, ec2.Region);
            return identity;
        }

        /// <summary>A command aimed at another region would act on (or list) nothing of this instance: say so instead.</summary>
        private static void RequireRegion(InstanceIdentity identity, string commandRegion)
        {
            if (identity.Region != commandRegion)
                throw new PatternException("SelfInOtherRegion", PatternErrorCategory.InvalidArgument,
                    $"This instance is {identity.InstanceId} in {identity.Region}, but the command targets {commandRegion}; drop -Region or set it to {identity.Region}.");
        }
    }
}
