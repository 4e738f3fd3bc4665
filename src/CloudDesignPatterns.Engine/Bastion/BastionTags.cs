using System;
using System.Collections.Generic;
using System.Globalization;
using CloudDesignPatterns.Engine.Tagging;

namespace CloudDesignPatterns.Engine.Bastion
{
    /// <summary>
    /// The cdp:bastion:* tags that are the request (on its security group) and the session (on the instance). Who may
    /// write which of them is what the published IAM roles restrict, so each key here has one writer.
    /// </summary>
    public static class BastionTags
    {
        public const string Prefix = "cdp:bastion:";

        // Written by the requester, at creation only.
        public const string Requester = Prefix + "requester";
        public const string Source = Prefix + "source";
        public const string Port = Prefix + "port";
        public const string Duration = Prefix + "duration";
        public const string Reason = Prefix + "reason";
        public const string RequestedAt = Prefix + "requested-at";
        public const string ExpiresAt = Prefix + "expires-at";

        // Written by the requester (requested), the approver (approved) and the operator (active).
        public const string State = Prefix + "state";

        // Written by the approver only.
        public const string Approver = Prefix + "approver";
        public const string ApprovedAt = Prefix + "approved-at";

        // Written by the operator: on the group when started, on the instance at launch.
        public const string InstanceId = Prefix + "instance-id";
        public const string RequestId = Prefix + "request-id";

        public const string StateRequested = "requested";
        public const string StateApproved = "approved";
        public const string StateActive = "active";

        /// <summary>The keys a request is created with (the requester's policy allows these and no others).</summary>
        public static readonly IReadOnlyList<string> RequestKeys = new[]
        {
            ManagedTags.ManagedByKey, "Name", Requester, Source, Port, Duration, Reason, RequestedAt, ExpiresAt, State,
        };

        /// <summary>The keys an approval writes (the approver's policy allows these and no others).</summary>
        public static readonly IReadOnlyList<string> ApprovalKeys = new[] { State, Approver, ApprovedAt };

        /// <summary>The keys Start writes on the group (the operator's policy allows these and no others).</summary>
        public static readonly IReadOnlyList<string> StartKeys = new[] { State, InstanceId };

        /// <summary>The keys the bastion instance is launched with.</summary>
        public static readonly IReadOnlyList<string> InstanceKeys = new[]
        {
            ManagedTags.ManagedByKey, "Name", RequestId, Requester, Approver, ExpiresAt,
        };

        /// <summary>ISO 8601 UTC to the second, as the tags and the user data carry it.</summary>
        public static string Time(DateTime utc) => utc.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

        public static DateTime? ParseTime(string? text) =>
            DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var t)
                ? t : (DateTime?)null;

        /// <summary>Whole seconds, so a tag reads the same in every culture.</summary>
        public static string Seconds(TimeSpan span) => ((long)span.TotalSeconds).ToString(CultureInfo.InvariantCulture);

        public static TimeSpan? ParseSeconds(string? text) =>
            long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) && s > 0 ? TimeSpan.FromSeconds(s) : (TimeSpan?)null;

        /// <summary>A resource is one of this module's bastions only with both the managed-by tag and the bastion's own key.</summary>
        public static bool IsBastion(IReadOnlyDictionary<string, string> tags, string ownKey) =>
            tags.TryGetValue(ManagedTags.ManagedByKey, out var managed) && managed == ManagedTags.ManagedByValue && tags.ContainsKey(ownKey);
    }
}
