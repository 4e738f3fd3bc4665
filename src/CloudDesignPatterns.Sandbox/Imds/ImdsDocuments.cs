using System;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using CloudDesignPatterns.Sandbox.Contracts;
using CloudDesignPatterns.Sandbox.Principals;

namespace CloudDesignPatterns.Sandbox.Imds
{
    /// <summary>Builds the metadata tree and the JSON documents IMDS serves for one instance.</summary>
    internal static class ImdsDocuments
    {
        public static MetadataTree MetaData(ImdsInstanceView view, Func<string, string> roleCredentials, DateTime now)
        {
            var tree = new MetadataTree()
                .Leaf("ami-id", view.ImageId)
                .Leaf("hostname", view.LocalHostname)
                .Leaf("instance-id", view.InstanceId)
                .Leaf("instance-type", view.InstanceType)
                .Leaf("local-hostname", view.LocalHostname)
                .Leaf("local-ipv4", view.PrivateIpAddress)
                .Leaf("placement/availability-zone", view.AvailabilityZone)
                .Leaf("placement/region", view.Region);
            if (!string.IsNullOrEmpty(view.PublicIpAddress)) tree.Leaf("public-ipv4", view.PublicIpAddress!);

            var primary = view.Interfaces.OrderBy(i => i.DeviceIndex).FirstOrDefault();
            if (primary != null) tree.Leaf("mac", primary.Mac);
            foreach (var nic in view.Interfaces)
            {
                var dir = "network/interfaces/macs/" + nic.Mac + "/";
                tree.Leaf(dir + "device-number", nic.DeviceIndex.ToString(CultureInfo.InvariantCulture))
                    .Leaf(dir + "interface-id", nic.InterfaceId)
                    .Leaf(dir + "local-ipv4s", string.Join("\n", nic.PrivateIpAddresses))
                    .Leaf(dir + "mac", nic.Mac)
                    .Leaf(dir + "security-group-ids", string.Join("\n", nic.SecurityGroupIds))
                    .Leaf(dir + "subnet-id", nic.SubnetId)
                    .Leaf(dir + "subnet-ipv4-cidr-block", nic.SubnetCidrBlock)
                    .Leaf(dir + "vpc-id", nic.VpcId)
                    .Leaf(dir + "vpc-ipv4-cidr-block", nic.VpcCidrBlock);
                // As on EC2: public-ipv4s and ipv4-associations/ exist only while the interface holds an Elastic IP.
                if (nic.PublicIpv4Associations.Count > 0)
                {
                    tree.Leaf(dir + "public-ipv4s", string.Join("\n", nic.PublicIpv4Associations.Keys));
                    foreach (var association in nic.PublicIpv4Associations)
                        tree.Leaf(dir + "ipv4-associations/" + association.Key, association.Value);
                }
            }

            if (!string.IsNullOrEmpty(view.IamRoleName))
            {
                var role = view.IamRoleName!;
                tree.Leaf("iam/info", () => IamInfo(view.AccountId, role, now))
                    .Leaf("iam/security-credentials/" + role, () => roleCredentials(role));
            }

            if (view.InstanceMetadataTags)
            {
                tree.Directory("tags/instance");
                // IMDS cannot serve keys containing '/' as paths, so AWS leaves them out; so do we.
                foreach (var tag in view.Tags.Where(t => t.Key.IndexOf('/') < 0))
                    tree.Leaf("tags/instance/" + tag.Key, tag.Value);
            }
            return tree;
        }

        public static MetadataTree Dynamic(ImdsInstanceView view, DateTime pendingTime) =>
            new MetadataTree().Leaf("instance-identity/document", () => IdentityDocument(view, pendingTime));

        public static string IamInfo(string accountId, string roleName, DateTime now) => Json(w =>
        {
            w.WriteString("Code", "Success");
            w.WriteString("LastUpdated", Iso(now));
            w.WriteString("InstanceProfileArn", $"arn:aws:iam::{accountId}:instance-profile/{roleName}");
            w.WriteString("InstanceProfileId", "AIPA" + StableNumber(accountId + roleName).ToString("D16", CultureInfo.InvariantCulture));
        });

        public static string Credentials(IssuedCredentials credentials, DateTime issued, DateTime expires) => Json(w =>
        {
            w.WriteString("Code", "Success");
            w.WriteString("LastUpdated", Iso(issued));
            w.WriteString("Type", "AWS-HMAC");
            w.WriteString("AccessKeyId", credentials.AccessKeyId);
            w.WriteString("SecretAccessKey", credentials.SecretAccessKey);
            w.WriteString("Token", credentials.SessionToken);
            w.WriteString("Expiration", Iso(expires));
        });

        public static string IdentityDocument(ImdsInstanceView view, DateTime pendingTime) => Json(w =>
        {
            w.WriteString("accountId", view.AccountId);
            w.WriteString("architecture", ArchitectureOf(view.InstanceType));
            w.WriteString("availabilityZone", view.AvailabilityZone);
            w.WriteNull("billingProducts");
            w.WriteNull("devpayProductCodes");
            w.WriteNull("marketplaceProductCodes");
            w.WriteString("imageId", view.ImageId);
            w.WriteString("instanceId", view.InstanceId);
            w.WriteString("instanceType", view.InstanceType);
            w.WriteNull("kernelId");
            w.WriteString("pendingTime", Iso(pendingTime));
            w.WriteString("privateIp", view.PrivateIpAddress);
            w.WriteNull("ramdiskId");
            w.WriteString("region", view.Region);
            w.WriteString("version", "2017-09-30");
        });

        /// <summary>FNV-1a, so the same role shows the same profile id in every run (string.GetHashCode is randomized).</summary>
        private static ulong StableNumber(string text)
        {
            var hash = 14695981039346656037UL;
            foreach (var c in text) { hash ^= c; hash *= 1099511628211UL; }
            return hash % 10_000_000_000_000_000UL;
        }

        /// <summary>Graviton families carry a 'g' after the generation digit (t4g, m7g, c7gn, r6gd).</summary>
        private static string ArchitectureOf(string instanceType)
        {
            var family = instanceType.Split('.')[0];
            var digit = family.IndexOfAny("0123456789".ToCharArray());
            return digit >= 0 && digit + 1 < family.Length && family[digit + 1] == 'g' ? "arm64" : "x86_64";
        }

        private static string Iso(DateTime time) => time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

        private static string Json(Action<Utf8JsonWriter> body)
        {
            using (var buffer = new System.IO.MemoryStream())
            {
                using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
                {
                    writer.WriteStartObject();
                    body(writer);
                    writer.WriteEndObject();
                }
                return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
            }
        }
    }
}
