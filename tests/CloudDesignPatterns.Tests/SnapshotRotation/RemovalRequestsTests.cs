using System;
using System.Linq;
using CloudDesignPatterns.Engine.Errors;
using CloudDesignPatterns.Engine.Snapshots.Rotation;
using CloudDesignPatterns.Model.Snapshots;

namespace CloudDesignPatterns.Tests.SnapshotRotation
{
    /// <summary>How Remove-PatternSnapshot's pipeline input becomes requests: merged by region, rule and kind; refused before any call where a rule makes no sense.</summary>
    public class RemovalRequestsTests
    {
        private static readonly RotationRules Delete = new RotationRules(null, null);
        private static readonly RotationRules KeepTwo = new RotationRules(2, null);

        private static SnapshotSet Set(string setId, string region, string instance = "i-0a1b2c3d4e5f60101")
            => new SnapshotSet { SetId = setId, Region = region, InstanceId = instance, Policy = "nightly" };

        [Fact]
        public void A_parameter_that_names_groups_needs_a_keep_rule()
        {
            var error = Assert.Throws<PatternException>(() => RemovalRequests.Rules(null, null, "InstanceId"));

            Assert.Equal("KeepRuleRequired", error.ErrorId);
            Assert.Equal(PatternErrorCategory.InvalidArgument, error.Category);
            Assert.StartsWith("-InstanceId names groups", error.Message);
            Assert.False(RemovalRequests.Rules(null, null, groupsBy: null).IsRotation);
            Assert.Equal("InvalidKeepGenerations", Assert.Throws<PatternException>(() => RemovalRequests.Rules(0, null, null)).ErrorId);
        }

        [Fact]
        public void Piped_sets_are_merged_per_region_deleted_as_named_without_a_rule_and_as_groups_with_one()
        {
            var requests = new RemovalRequests();

            requests.AddSets(new[] { Set("ss-0000000000000001", "ap-northeast-1"), Set("ss-0000000000000002", "ap-northeast-1"), Set("ss-0000000000000003", "ap-southeast-1") }, Delete);
            requests.AddSets(new[] { Set("ss-0000000000000004", "ap-northeast-1"), Set("ss-0000000000000005", "ap-northeast-1") }, KeepTwo);

            var all = requests.ToList();
            Assert.Equal(3, all.Count);
            Assert.Equal(new[] { "ss-0000000000000001", "ss-0000000000000002" }, all.Single(r => r.Region == "ap-northeast-1" && !r.Rules.IsRotation).SetIds);
            Assert.Equal(new[] { "ss-0000000000000003" }, all.Single(r => r.Region == "ap-southeast-1").SetIds);
            var rotation = all.Single(r => r.Rules.IsRotation);
            Assert.Empty(rotation.SetIds);
            Assert.Equal(2, rotation.Groups.Count);
            Assert.Single(rotation.Groups.Distinct());
        }

        [Fact]
        public void A_set_id_is_checked_for_form_and_refuses_a_keep_rule()
        {
            var requests = new RemovalRequests();

            Assert.Equal("InvalidSnapshotSetId", Assert.Throws<PatternException>(() => requests.AddSetId("snap-1", Delete)).ErrorId);
            Assert.Equal("SetIdWithKeepRule", Assert.Throws<PatternException>(() => requests.AddSetId("ss-0000000000000001", KeepTwo)).ErrorId);
            Assert.Empty(requests);
        }

        [Fact]
        public void Instances_whose_ids_were_all_malformed_name_nothing_and_never_widen_to_every_instance()
        {
            var requests = new RemovalRequests();

            requests.AddInstances(Array.Empty<string>(), "nightly", KeepTwo);
            requests.AddSelf(null, KeepTwo);
            requests.AddPolicy("weekly", KeepTwo);

            var all = requests.ToList();
            Assert.True(all.Single(r => r.InstanceIds.Count == 0 && !r.Self && !r.ByPolicyOnly).NamesNothing);
            Assert.False(all.Single(r => r.Self).NamesNothing);
            var byPolicy = all.Single(r => r.ByPolicyOnly);
            Assert.False(byPolicy.NamesNothing);
            Assert.Equal("weekly", byPolicy.Policy);
        }
    }
}
