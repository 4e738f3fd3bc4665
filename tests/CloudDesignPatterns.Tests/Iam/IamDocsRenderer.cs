using System.Linq;
using System.Text;
using CloudDesignPatterns.Engine.Iam;
using CloudDesignPatterns.Engine.Tagging;

namespace CloudDesignPatterns.Tests.Iam
{
    /// <summary>Renders docs/iam.md from the policy catalog, so the published document cannot drift from the code.</summary>
    internal static class IamDocsRenderer
    {
        public const string UpdateVariable = "CDP_UPDATE_DOCS";

        public static string Render()
        {
            var md = new StringBuilder();
            md.Append("# Least-privilege IAM policies\n\n");
            md.Append("<!-- Generated from PolicyCatalog (src/CloudDesignPatterns.Engine/Iam). Do not edit by hand: change the C#\n");
            md.Append("     definitions, then run `" + UpdateVariable + "=1 dotnet test tests/CloudDesignPatterns.Tests --filter IamDocs`. -->\n\n");
            md.Append("Each pattern publishes the IAM policy each of its roles needs, and nothing more. Get one with\n");
            md.Append("`Get-PatternIamPolicy -Pattern <name> [-Role <name>]` (without `-Role` you get the pattern's default role) and\n");
            md.Append("attach its `Json` to the instance role or the operator's role, for example:\n\n");
            md.Append("```powershell\n");
            md.Append("(Get-PatternIamPolicy -Pattern Snapshot -Role SnapshotRotation).Json | Set-Content rotation-policy.json\n");
            md.Append("aws iam put-role-policy --role-name backup-rotation --policy-name cdp-snapshot-rotation --policy-document file://rotation-policy.json\n");
            md.Append("```\n\n");
            md.Append("Rules every policy follows:\n\n");
            md.Append("- Everything the module creates carries the tag `" + ManagedTags.ManagedByKey + " = " + ManagedTags.ManagedByValue + "`, set in the\n");
            md.Append("  creating call (`aws:RequestTag`), and only resources that carry it (`aws:ResourceTag`) can be deleted or restored from.\n");
            md.Append("- `ec2:CreateTags` is allowed only as part of a create call (condition `ec2:CreateAction`), never on its own.\n");
            md.Append("- Routes are rewritten only in route tables tagged `" + ManagedTags.RoutingFailoverKey + " = " + ManagedTags.RoutingFailoverValue + "` (`aws:ResourceTag` on\n");
            md.Append("  `ec2:ReplaceRoute`/`ec2:CreateRoute`): tag the tables that carry a virtual IP, and no other table can be rerouted.\n");
            md.Append("- Only Elastic IPs tagged `" + ManagedTags.FloatingIpKey + " = " + ManagedTags.FloatingIpValue + "` can be moved (`aws:ResourceTag` on\n");
            md.Append("  `ec2:AssociateAddress`): tag the addresses that float between nodes, and no other public address can be taken.\n");
            md.Append("- `Resource: \"*\"` appears only for `Describe*` actions and `sts:GetCallerIdentity`, which have no resource-level permissions.\n");
            md.Append("- The sandbox enforces these exact documents in the pattern tests, so least privilege is tested, not claimed.\n\n");

            foreach (var pattern in PolicyCatalog.Patterns)
            {
                md.Append("## Pattern `" + pattern + "`\n\n");
                md.Append(PolicyCatalog.DescribePattern(pattern) + "\n\n");
                md.Append("| role | default | actions |\n|---|---|---|\n");
                foreach (var policy in PolicyCatalog.All.Where(p => p.Pattern == pattern))
                {
                    md.Append("| `" + policy.Role + "` | " + (policy.IsDefaultRole ? "yes" : "") + " | " + policy.Actions.Length + " |\n");
                }
                md.Append("\n");
                foreach (var policy in PolicyCatalog.All.Where(p => p.Pattern == pattern))
                {
                    md.Append("### Role `" + policy.Role + "`" + (policy.IsDefaultRole ? " (default)" : "") + "\n\n");
                    md.Append(policy.Description + "\n\n");
                    md.Append("`Get-PatternIamPolicy -Pattern " + pattern + " -Role " + policy.Role + "`\n\n");
                    md.Append("```json\n" + policy.Json + "\n```\n\n");
                }
            }
            return md.ToString().TrimEnd('\n') + "\n";
        }
    }
}
