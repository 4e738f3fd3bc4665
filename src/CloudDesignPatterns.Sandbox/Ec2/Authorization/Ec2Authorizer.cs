using System.Collections.Generic;
using System.Linq;
using CloudDesignPatterns.Sandbox.Contracts;
using CloudDesignPatterns.Sandbox.Ec2.State;

namespace CloudDesignPatterns.Sandbox.Ec2.Authorization
{
    /// <summary>
    /// The three ways an EC2 action meets IAM: on "*" (describes), on an existing resource (with its tags as
    /// aws:/ec2:ResourceTag keys) and on a resource being created (with aws:RequestTag and aws:TagKeys, plus
    /// ec2:CreateTags with ec2:CreateAction when the request tags it on create).
    /// </summary>
    internal sealed class Ec2Authorizer
    {
        private readonly IRequestAuthorizer _authorizer;

        public Ec2Authorizer(IRequestAuthorizer authorizer, string action, string region, string account, bool dryRun = false)
        {
            _authorizer = authorizer; Action = action; Region = region; Account = account; DryRun = dryRun;
        }

        /// <summary>The request carried DryRun=true: answer whether it would be allowed, change nothing.</summary>
        public bool DryRun { get; }

        /// <summary>Called once every resource was authorized: a dry run ends here with AWS's DryRunOperation (HTTP 412).</summary>
        public void Checked()
        {
            if (DryRun)
                throw new SandboxServiceException("DryRunOperation", "Request would have succeeded, but DryRun flag is set.", 412);
        }

        public string Action { get; }
        public string Region { get; }
        public string Account { get; }
        private string IamAction => "ec2:" + Action;

        public void Unscoped() => _authorizer.Authorize(IamAction, "*", Keys());

        public void Existing(string arn, Ec2Resource resource, IDictionary<string, string>? requestTags = null) =>
            Existing(IamAction, arn, resource, requestTags);

        public void Existing(string iamAction, string arn, Ec2Resource resource, IDictionary<string, string>? requestTags = null)
        {
            var keys = ResourceTagKeys(resource.Tags);
            if (requestTags != null) AddRequestTags(keys, requestTags);
            _authorizer.Authorize(iamAction, arn, keys);
        }

        /// <summary>A resource the action creates; tagging-on-create also needs ec2:CreateTags on it.</summary>
        /// <param name="extraKeys">Condition keys of the launch itself (ec2:MetadataHttpTokens…), for the resource being created.</param>
        public void Creating(string arn, IDictionary<string, string> requestTags, IReadOnlyDictionary<string, IReadOnlyList<string>>? extraKeys = null)
        {
            var keys = new Dictionary<string, IReadOnlyList<string>>();
            AddRequestTags(keys, requestTags);
            if (extraKeys != null) foreach (var k in extraKeys) keys[k.Key] = k.Value;
            _authorizer.Authorize(IamAction, arn, keys);
            if (requestTags.Count == 0) return;
            var tagKeys = new Dictionary<string, IReadOnlyList<string>>(keys) { ["ec2:CreateAction"] = new[] { Action } };
            _authorizer.Authorize("ec2:CreateTags", arn, tagKeys);
        }

        /// <summary>Plain ARN without tags (e.g. a referenced subnet or VPC).</summary>
        public void Arn(string arn) => _authorizer.Authorize(IamAction, arn, Keys());

        private static Dictionary<string, IReadOnlyList<string>> Keys() => new Dictionary<string, IReadOnlyList<string>>();

        private static Dictionary<string, IReadOnlyList<string>> ResourceTagKeys(IDictionary<string, string> tags)
        {
            var keys = Keys();
            foreach (var t in tags)
            {
                keys["aws:ResourceTag/" + t.Key] = new[] { t.Value };
                keys["ec2:ResourceTag/" + t.Key] = new[] { t.Value };
            }
            return keys;
        }

        private static void AddRequestTags(IDictionary<string, IReadOnlyList<string>> keys, IDictionary<string, string> tags)
        {
            foreach (var t in tags) keys["aws:RequestTag/" + t.Key] = new[] { t.Value };
            if (tags.Count > 0) keys["aws:TagKeys"] = tags.Keys.ToList();
        }
    }
}
