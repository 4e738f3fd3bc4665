using System;
using System.Collections.Generic;
using CloudDesignPatterns.Engine.Configuration;
using CloudDesignPatterns.Engine.Errors;
using CloudDesignPatterns.Model.Configuration;

namespace CloudDesignPatterns.Engine.Snapshots
{
    /// <summary>
    /// Pure: the request for one instance from the cmdlet's parameters and the instance's Cloud DI settings
    /// (parameter > tag > user data > default), so -WhatIf shows exactly what would be made.
    /// </summary>
    public static class SnapshotPlanner
    {
        public static SnapshotRequest Plan(string instanceId, IReadOnlyDictionary<string, string> tags, IReadOnlyDictionary<string, string>? userDataSettings,
            IReadOnlyDictionary<string, object?> explicitParameters, IReadOnlyDictionary<string, string> extraTags, bool reboot)
        {
            var configuration = ConfigurationResolver.Resolve("snapshot", tags, userDataSettings, explicitParameters, instanceId, usedBy: UsedSettings);
            var request = new SnapshotRequest
            {
                InstanceId = instanceId,
                Policy = Value<string>(configuration, "Policy") ?? "default",
                Image = Value<bool?>(configuration, "Image") ?? false,
                ExcludeBootVolume = Value<bool?>(configuration, "ExcludeBootVolume") ?? false,
                DestinationRegion = Value<string>(configuration, "DestinationRegion"),
                Reboot = reboot,
                Tags = extraTags,
            };
            // Checked after Cloud DI, since a tag can make a set an image or drop its boot volume.
            if (request.Reboot && !request.Image)
                throw new PatternException("RebootNeedsImage", PatternErrorCategory.InvalidArgument, $"{instanceId}: -Reboot applies to an AMI (-Image); a snapshot set never reboots the instance.");
            if (request.Image && request.ExcludeBootVolume)
                throw new PatternException("ImageNeedsBootVolume", PatternErrorCategory.InvalidArgument, $"{instanceId}: an AMI always includes the boot volume; drop -ExcludeBootVolume (or cdp:snapshot:exclude-boot-volume) or -Image.");
            return request;
        }

        /// <summary>The settings a new set uses; a broken keep-generations or older-than tag is Remove's business, not New's.</summary>
        private static readonly string[] UsedSettings = { "Policy", "Image", "ExcludeBootVolume", "DestinationRegion" };

        private static T? Value<T>(PatternConfiguration configuration, string parameterName)
        {
            var setting = configuration.Find(parameterName);
            return setting?.Value is T typed ? typed : default;
        }

        public static string Describe(SnapshotRequest request)
            => (request.Image
                   ? $"Create AMI ({(request.Reboot ? "with reboot" : "no reboot")}, policy {request.Policy})"
                   : $"Create multi-volume snapshot set ({(request.ExcludeBootVolume ? "data volumes" : "all volumes")}, policy {request.Policy})")
               + (request.DestinationRegion != null ? $", DR region {request.DestinationRegion}" : ""); // both kinds: -WhatIf shows where the copy goes
    }
}
