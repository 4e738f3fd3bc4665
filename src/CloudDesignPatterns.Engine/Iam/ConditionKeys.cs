using CloudDesignPatterns.Engine.Tagging;

namespace CloudDesignPatterns.Engine.Iam
{
    /// <summary>Condition keys and operators the published policies use.</summary>
    internal static class ConditionKeys
    {
        public const string StringEquals = "StringEquals";

        /// <summary>The tag the caller puts on the resource being created (TagSpecifications).</summary>
        public const string RequestTagManagedBy = "aws:RequestTag/" + ManagedTags.ManagedByKey;

        /// <summary>The tag already on the existing resource being acted on.</summary>
        public const string ResourceTagManagedBy = "aws:ResourceTag/" + ManagedTags.ManagedByKey;

        /// <summary>The EC2 action whose TagSpecifications are being applied; absent for a stand-alone CreateTags call.</summary>
        public const string Ec2CreateAction = "ec2:CreateAction";
    }
}
