using static CloudDesignPatterns.Engine.Iam.StatementDefinition;

namespace CloudDesignPatterns.Engine.Iam
{
    /// <summary>
    /// Fleet schedules. The operator who registers them may manage State Manager associations of the
    /// AWS-RunPowerShellScript document only (CreateAssociation authorizes on the document and on the target
    /// instances), read their runs, and list instances to check a target tag selects some. Nothing else: the instances
    /// run the pattern under their own instance role, so this role never needs the pattern's permissions.
    /// </summary>
    internal static class SchedulePolicies
    {
        public const string RunPowerShellDocument = "arn:aws:ssm:*::document/AWS-RunPowerShellScript";
        public const string Association = "arn:aws:ssm:*:*:association/*";

        public static PatternDefinition Pattern { get; } = new PatternDefinition(
            "Schedule",
            "Scheduled runs across a fleet: State Manager associations that run a pattern's command on the instances a tag selects.",
            Schedule());

        private static RoleDefinition Schedule() => new RoleDefinition(
            "Schedule",
            "The operator registering, reading and removing fleet schedules (Register-/Get-/Unregister-PatternSchedule -Scope Fleet): " +
            "manages associations of AWS-RunPowerShellScript and reads their executions; it cannot run a command itself.",
            Allow("CreateRunPowerShellAssociations")
                .Actions("ssm:CreateAssociation")
                .On(RunPowerShellDocument, Ec2Arns.Instance),
            Allow("ManageAssociations")
                .Actions(
                    "ssm:UpdateAssociation",
                    "ssm:DeleteAssociation",
                    "ssm:DescribeAssociation",
                    "ssm:DescribeAssociationExecutions",
                    "ssm:DescribeAssociationExecutionTargets")
                .On(Association, RunPowerShellDocument, Ec2Arns.Instance),
            Allow("ListForSchedule")
                .Actions(
                    "ssm:ListAssociations", // supports no resource-level permissions
                    "ec2:DescribeInstances") // the check that the target tag selects instances, before creating
                .On(Ec2Arns.Any));
    }
}
