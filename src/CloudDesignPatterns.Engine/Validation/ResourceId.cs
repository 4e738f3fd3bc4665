using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace CloudDesignPatterns.Engine.Validation
{
    /// <summary>
    /// Shape checks for EC2 resource ids and region names. They catch typos before any AWS call is made, so the
    /// user gets "not a valid instance id" instead of an opaque InvalidParameterValue from the service.
    /// The check is deliberately strict: AWS ids are the prefix plus 8 (older) or 17 (current) lowercase hex digits.
    /// </summary>
    public static class ResourceId
    {
        private static readonly IReadOnlyDictionary<ResourceKind, (string Prefix, string Noun)> Kinds =
            new Dictionary<ResourceKind, (string, string)>
            {
                [ResourceKind.Instance] = ("i-", "instance id"),
                [ResourceKind.Volume] = ("vol-", "volume id"),
                [ResourceKind.Snapshot] = ("snap-", "snapshot id"),
                [ResourceKind.Image] = ("ami-", "image (AMI) id"),
                [ResourceKind.RouteTable] = ("rtb-", "route table id"),
                [ResourceKind.NetworkInterface] = ("eni-", "network interface id"),
                [ResourceKind.SecurityGroup] = ("sg-", "security group id"),
                [ResourceKind.ElasticIpAllocation] = ("eipalloc-", "Elastic IP allocation id"),
                [ResourceKind.Subnet] = ("subnet-", "subnet id"),
                [ResourceKind.Vpc] = ("vpc-", "VPC id"),
            };

        // Region names: two-letter area, one or more words, a number (us-east-1, us-gov-west-1, ap-southeast-1).
        private static readonly Regex RegionShape = new Regex(@"^[a-z]{2}(-[a-z]+)+-[0-9]{1,2}\z", RegexOptions.CultureInvariant);

        /// <summary>The id prefix of a kind, including the dash (for example "i-").</summary>
        public static string Prefix(ResourceKind kind) => Kinds[kind].Prefix;

        /// <summary>What the id is called in messages (for example "instance id").</summary>
        public static string Noun(ResourceKind kind) => Kinds[kind].Noun;

        /// <summary>The expected form in words, used in error messages.</summary>
        public static string ExpectedForm(ResourceKind kind) => $"{Prefix(kind)} followed by 8 or 17 hexadecimal characters";

        public static bool IsValid(ResourceKind kind, string? id)
        {
            if (id == null) return false;
            var prefix = Prefix(kind);
            if (!id.StartsWith(prefix, StringComparison.Ordinal)) return false;
            var hexLength = id.Length - prefix.Length;
            if (hexLength != 8 && hexLength != 17) return false;
            for (var i = prefix.Length; i < id.Length; i++)
            {
                var c = id[i];
                var isLowerHex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
                if (!isLowerHex) return false;
            }
            return true;
        }

        /// <summary>Returns <paramref name="id"/> when it is valid; otherwise throws an <see cref="ArgumentException"/>
        /// whose message names the value and the expected form.</summary>
        public static string Require(ResourceKind kind, string? id, string? parameterName = null)
        {
            if (IsValid(kind, id)) return id!;
            var message = $"'{id}' is not a valid {Noun(kind)} (expected {ExpectedForm(kind)})";
            throw parameterName == null ? new ArgumentException(message) : new ArgumentException(message, parameterName);
        }

        /// <summary>
        /// As <see cref="Require"/>, failing as every cmdlet reports a malformed id parameter: error id
        /// Invalid&lt;parameter&gt; (InvalidInstanceId, InvalidSubnetId), category InvalidArgument, before any AWS call.
        /// </summary>
        public static string RequireParameter(ResourceKind kind, string? id, string parameterName)
        {
            try { return Require(kind, id, parameterName); }
            catch (ArgumentException invalid)
            {
                throw new Errors.PatternException("Invalid" + parameterName, Errors.PatternErrorCategory.InvalidArgument, invalid.Message, inner: invalid);
            }
        }

        /// <summary>Finds the kind of an id from its prefix, when the id is well formed.</summary>
        public static bool TryGetKind(string? id, out ResourceKind kind)
        {
            foreach (var pair in Kinds)
            {
                if (IsValid(pair.Key, id))
                {
                    kind = pair.Key;
                    return true;
                }
            }
            kind = default;
            return false;
        }

        /// <summary>Region names such as us-east-1 or ap-southeast-1 (lowercase; shape only, not a list of regions,
        /// so new regions work without a module update).</summary>
        public static bool IsValidRegionName(string? region) => region != null && RegionShape.IsMatch(region);

        public const string RegionNameExpectedForm = "a region name such as us-east-1 or ap-southeast-1";

        public static string RequireRegionName(string? region, string? parameterName = null)
        {
            if (IsValidRegionName(region)) return region!;
            var message = $"'{region}' is not a valid region name (expected {RegionNameExpectedForm})";
            throw parameterName == null ? new ArgumentException(message) : new ArgumentException(message, parameterName);
        }
    }
}
