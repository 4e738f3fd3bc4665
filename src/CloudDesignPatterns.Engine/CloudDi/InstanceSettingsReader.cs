using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.EC2.Model;
using CloudDesignPatterns.Engine.Configuration;
using CloudDesignPatterns.Engine.Ec2;
using CloudDesignPatterns.Engine.Imds;

namespace CloudDesignPatterns.Engine.CloudDi
{
    /// <summary>The raw inputs of Cloud DI for one instance: its tags and its user data.</summary>
    public sealed class InstanceSettingsInput
    {
        public InstanceSettingsInput(string instanceId, string region, IReadOnlyDictionary<string, string> tags, UserDataReadResult userData, string tagSource)
        {
            InstanceId = instanceId; Region = region; Tags = tags; UserData = userData; TagSource = tagSource;
        }
        public string InstanceId { get; }
        public string Region { get; }
        public IReadOnlyDictionary<string, string> Tags { get; }
        public UserDataReadResult UserData { get; }
        /// <summary>"instance metadata" or "ec2:DescribeTags", for -Debug.</summary>
        public string TagSource { get; }
        /// <summary>Who the instance is, as instance metadata told it (-Self, through <see cref="SelfInstance"/>, only).</summary>
        public CloudDesignPatterns.Model.InstanceIdentity? Identity { get; internal set; }
    }

    /// <summary>
    /// Reads an instance's tags and user data. On the instance itself (-Self) both come from instance metadata when
    /// instance-metadata tags are enabled, so a host needs no EC2 permission at all; otherwise from DescribeTags and
    /// DescribeInstanceAttribute(userData).
    /// </summary>
    public static class InstanceSettingsReader
    {
        /// <remarks>Internal: commands ask <see cref="SelfInstance"/>, the one -Self service.</remarks>
        internal static async Task<InstanceSettingsInput> ReadSelfAsync(ImdsClient imds, Func<Task<Ec2Session>> openEc2, CancellationToken cancel)
        {
            var identity = await new InstanceIdentityReader(imds).ReadAsync(cancel).ConfigureAwait(false);
            using var budget = imds.StartBudget(cancel);
            var userData = await imds.GetAsync("user-data", budget.Token).ConfigureAwait(false);
            var tagKeys = await imds.GetAsync("meta-data/tags/instance/", budget.Token).ConfigureAwait(false);
            if (tagKeys != null)
            {
                var tags = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var key in tagKeys.Split('\n').Select(k => k.Trim()).Where(k => k.StartsWith("cdp:", StringComparison.Ordinal)))
                    tags[key] = (await imds.GetAsync("meta-data/tags/instance/" + key, budget.Token).ConfigureAwait(false) ?? "").Trim();
                return new InstanceSettingsInput(identity.InstanceId, identity.Region, tags, UserDataReader.Read(userData), "instance metadata tags") { Identity = identity };
            }
            var ec2 = await openEc2().ConfigureAwait(false);
            var described = await DescribeTagsAsync(ec2, identity.InstanceId, cancel).ConfigureAwait(false);
            return new InstanceSettingsInput(identity.InstanceId, identity.Region, described, UserDataReader.Read(userData), "ec2:DescribeTags") { Identity = identity };
        }

        public static async Task<InstanceSettingsInput> ReadAsync(Ec2Session ec2, string instanceId, CancellationToken cancel)
        {
            // The user-data read also proves the instance exists (InvalidInstanceID.NotFound otherwise).
            var userData = await ReadUserDataAsync(ec2, instanceId, cancel).ConfigureAwait(false);
            var tags = await DescribeTagsAsync(ec2, instanceId, cancel).ConfigureAwait(false);
            return new InstanceSettingsInput(instanceId, ec2.Region, tags, userData, "ec2:DescribeTags");
        }

        /// <summary>
        /// An instance's user data by id (DescribeInstanceAttribute userData). Every cmdlet that targets an instance by id
        /// reads it this way, so Get-PatternConfiguration -InstanceId shows what New-PatternSnapshot -InstanceId uses.
        /// </summary>
        public static async Task<UserDataReadResult> ReadUserDataAsync(Ec2Session ec2, string instanceId, CancellationToken cancel)
        {
            var attribute = await ec2.CallAsync("DescribeInstanceAttribute", instanceId, true,
                (c, ct) => c.DescribeInstanceAttributeAsync(new DescribeInstanceAttributeRequest { InstanceId = instanceId, Attribute = "userData" }, ct),
                cancel).ConfigureAwait(false);
            var encoded = attribute.InstanceAttribute?.UserData;
            return string.IsNullOrEmpty(encoded) ? UserDataReader.Read((byte[]?)null) : UserDataReader.Read(Convert.FromBase64String(encoded));
        }

        private static async Task<IReadOnlyDictionary<string, string>> DescribeTagsAsync(Ec2Session ec2, string instanceId, CancellationToken cancel)
        {
            var tags = new Dictionary<string, string>(StringComparer.Ordinal);
            var described = await ec2.CallPagesAsync("DescribeTags", instanceId,
                (c, next, ct) => c.DescribeTagsAsync(new DescribeTagsRequest
                {
                    Filters = new List<Filter> { new Filter("resource-id", new List<string> { instanceId }) },
                    MaxResults = 1000,
                    NextToken = next,
                }, ct),
                page => page.Tags, page => page.NextToken, cancel).ConfigureAwait(false);
            foreach (var tag in described) tags[tag.Key] = tag.Value;
            return tags;
        }
    }
}
