using System.Collections.Generic;
using System.Linq;
using CloudDesignPatterns.Engine.Configuration;
using CloudDesignPatterns.Engine.Errors;
using CloudDesignPatterns.Engine.Snapshots;

namespace CloudDesignPatterns.Tests.SnapshotNew
{
    /// <summary>The request New-PatternSnapshot makes per instance: parameter &gt; tag &gt; user data &gt; default, and what -WhatIf prints.</summary>
    public class SnapshotPlannerTests
    {
        private const string Instance = "i-0a1b2c3d4e5f60101";
        private static readonly IReadOnlyDictionary<string, string> NoTags = new Dictionary<string, string>();
        private static readonly IReadOnlyDictionary<string, string> NoExtra = new Dictionary<string, string>();
        private static readonly IReadOnlyDictionary<string, object?> NoParameters = new Dictionary<string, object?>();

        private static Dictionary<string, string> Map(params (string Key, string Value)[] pairs) => pairs.ToDictionary(p => p.Key, p => p.Value);

        [Fact]
        public void Defaults_WhenNothingIsConfigured()
        {
            var request = SnapshotPlanner.Plan(Instance, NoTags, null, NoParameters, NoExtra, reboot: false);

            Assert.Equal(Instance, request.InstanceId);
            Assert.Equal("default", request.Policy);
            Assert.False(request.Image);
            Assert.False(request.ExcludeBootVolume);
            Assert.Null(request.DestinationRegion);
            Assert.False(request.Reboot);
        }

        [Fact]
        public void TagBeatsUserData_UserDataFillsWhatTagsLeaveOut()
        {
            var tags = Map(("cdp:snapshot:policy", "nightly"), ("Name", "web-1"));
            var userData = Map(("cdp:snapshot:policy", "weekly"), ("cdp:snapshot:destination-region", "ap-southeast-1"));

            var request = SnapshotPlanner.Plan(Instance, tags, userData, NoParameters, NoExtra, false);

            Assert.Equal("nightly", request.Policy);
            Assert.Equal("ap-southeast-1", request.DestinationRegion);
        }

        [Fact]
        public void ParameterBeatsTag()
        {
            var tags = Map(("cdp:snapshot:policy", "nightly"), ("cdp:snapshot:destination-region", "ap-southeast-1"));
            var parameters = new Dictionary<string, object?> { ["Policy"] = "adhoc", ["DestinationRegion"] = "us-west-2" };

            var request = SnapshotPlanner.Plan(Instance, tags, null, parameters, NoExtra, false);

            Assert.Equal("adhoc", request.Policy);
            Assert.Equal("us-west-2", request.DestinationRegion);
        }

        [Fact]
        public void BooleanSettings_FromTags_AndAnExplicitFalseSwitchOverridesThem()
        {
            var imageTag = Map(("cdp:snapshot:image", "true"));
            var dataOnlyTag = Map(("cdp:snapshot:exclude-boot-volume", "true"));
            var both = Map(("cdp:snapshot:image", "true"), ("cdp:snapshot:exclude-boot-volume", "true"));

            var overridden = SnapshotPlanner.Plan(Instance, both, null,
                new Dictionary<string, object?> { ["Image"] = false, ["ExcludeBootVolume"] = false }, NoExtra, false);

            Assert.True(SnapshotPlanner.Plan(Instance, imageTag, null, NoParameters, NoExtra, false).Image);
            Assert.True(SnapshotPlanner.Plan(Instance, dataOnlyTag, null, NoParameters, NoExtra, false).ExcludeBootVolume);
            Assert.False(overridden.Image);
            Assert.False(overridden.ExcludeBootVolume);
        }

        [Fact]
        public void RebootWithoutImage_IsRefused()
        {
            var error = Assert.Throws<PatternException>(() => SnapshotPlanner.Plan(Instance, NoTags, null, NoParameters, NoExtra, reboot: true));

            Assert.Equal("RebootNeedsImage", error.ErrorId);
            Assert.Equal(PatternErrorCategory.InvalidArgument, error.Category);
            Assert.StartsWith(Instance, error.Message);
        }

        [Fact]
        public void ImageWithoutBootVolume_IsRefused_EvenWhenTheTagsAskForIt()
        {
            var tags = Map(("cdp:snapshot:image", "true"), ("cdp:snapshot:exclude-boot-volume", "true"));

            var error = Assert.Throws<PatternException>(() => SnapshotPlanner.Plan(Instance, tags, null, NoParameters, NoExtra, false));

            Assert.Equal("ImageNeedsBootVolume", error.ErrorId);
            Assert.Equal(PatternErrorCategory.InvalidArgument, error.Category);
        }

        [Fact]
        public void RebootAndExtraTags_ArePassedThrough()
        {
            var extra = Map(("CostCenter", "ops"));

            var request = SnapshotPlanner.Plan(Instance, NoTags, null, new Dictionary<string, object?> { ["Image"] = true }, extra, reboot: true);

            Assert.True(request.Reboot);
            Assert.True(request.Image);
            Assert.Equal("ops", request.Tags["CostCenter"]);
        }

        [Fact]
        public void InvalidTagValue_Throws_UnlessAParameterOverridesIt()
        {
            var tags = Map(("cdp:snapshot:image", "maybe"));

            var error = Assert.Throws<ConfigurationException>(() => SnapshotPlanner.Plan(Instance, tags, null, NoParameters, NoExtra, false));
            Assert.Contains("cdp:snapshot:image", error.Message);

            var request = SnapshotPlanner.Plan(Instance, tags, null, new Dictionary<string, object?> { ["Image"] = true }, NoExtra, false);
            Assert.True(request.Image);
        }

        [Fact]
        public void Describe_SnapshotSet_NamesVolumesPolicyAndDrRegion()
        {
            var all = new SnapshotRequest { InstanceId = Instance, Policy = "nightly", DestinationRegion = "ap-southeast-1" };
            var data = new SnapshotRequest { InstanceId = Instance, Policy = "nightly", ExcludeBootVolume = true };

            Assert.Equal("Create multi-volume snapshot set (all volumes, policy nightly), DR region ap-southeast-1", SnapshotPlanner.Describe(all));
            Assert.Equal("Create multi-volume snapshot set (data volumes, policy nightly)", SnapshotPlanner.Describe(data));
        }

        [Fact]
        public void Describe_Image_SaysWhetherItReboots_AndNamesTheDrRegion()
        {
            var noReboot = new SnapshotRequest { InstanceId = Instance, Policy = "weekly", Image = true };
            var reboot = new SnapshotRequest { InstanceId = Instance, Policy = "weekly", Image = true, Reboot = true, DestinationRegion = "ap-southeast-1" };

            Assert.Equal("Create AMI (no reboot, policy weekly)", SnapshotPlanner.Describe(noReboot));
            Assert.Equal("Create AMI (with reboot, policy weekly), DR region ap-southeast-1", SnapshotPlanner.Describe(reboot));
        }
    }
}
