using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Amazon.EC2.Model;
using CloudDesignPatterns.Engine.Completion;
using CloudDesignPatterns.Engine.Tagging;
using CloudDesignPatterns.Sandbox.Ec2;
using CloudDesignPatterns.Tests.SnapshotCopyRestore;

namespace CloudDesignPatterns.Tests.Completion
{
    /// <summary>-Policy completion offers the policies that exist in the region, from every place one is set.</summary>
    public sealed class SnapshotPolicyListingTests : IDisposable
    {
        private readonly SnapshotSandbox sandbox = new SnapshotSandbox();

        public void Dispose() => sandbox.Dispose();

        [Fact]
        public async Task Before_any_set_it_offers_the_policy_an_instance_tag_configures()
        {
            var policies = await ListAsync();

            Assert.Equal(new[] { "nightly" }, policies.Select(p => p.Id));
            Assert.StartsWith("1 instance setting(s), 0 snapshot(s)", policies.Single().Description);
        }

        [Fact]
        public async Task It_adds_the_policies_of_managed_sets_and_of_the_typed_instances_user_data()
        {
            var set = await sandbox.NewSnapshotSetAsync(SandboxSeed.Db1);
            using (var ec2 = sandbox.Client())
            {
                // One set renamed to another policy, and a stopped instance whose user data names a third.
                await ec2.CreateTagsAsync(new CreateTagsRequest
                {
                    Resources = set.Snapshots.Select(s => s.SnapshotId).ToList(),
                    Tags = new List<Tag> { new Tag(ManagedTags.PolicyKey, "weekly") },
                });
                await ec2.ModifyInstanceAttributeAsync(new ModifyInstanceAttributeRequest
                {
                    InstanceId = SandboxSeed.Batch1,
                    UserData = new SecureBlobAttributeValue { Value = new System.IO.MemoryStream(Encoding.UTF8.GetBytes("{\"cdp:snapshot:policy\":\"monthly\"}")) },
                });
            }

            var untyped = await ListAsync();
            var typed = await ListAsync(SandboxSeed.Batch1, "i-0000000000000dead");

            Assert.Equal(new[] { "nightly", "weekly" }, Sorted(untyped));
            Assert.Equal(new[] { "monthly", "nightly", "weekly" }, Sorted(typed));
            Assert.StartsWith("0 instance setting(s), ", typed.Single(p => p.Id == "weekly").Description);
            Assert.StartsWith("1 instance setting(s), 0 snapshot(s)", typed.Single(p => p.Id == "monthly").Description);
        }

        private static IEnumerable<string> Sorted(IEnumerable<ResourceCandidate> candidates) => candidates.Select(p => p.Id).OrderBy(p => p, StringComparer.Ordinal);

        private Task<IReadOnlyList<ResourceCandidate>> ListAsync(params string[] typedInstanceIds)
            => ResourceLister.ListSnapshotPoliciesAsync(sandbox.Session, typedInstanceIds, CancellationToken.None);
    }
}
