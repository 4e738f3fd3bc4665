using static CloudDesignPatterns.Engine.Iam.StatementDefinition;

namespace CloudDesignPatterns.Engine.Iam
{
    /// <summary>
    /// Fleet schedules. The operator who registers them may create and change State Manager associations of the
    /// AWS-RunPowerShellScript document only, and only tag-targeted ones: no instance ARN is granted, so an association
    /// that names instances (InstanceId, an InstanceIds target) is refused, while a tag target names none for IAM to
    /// check (no condition key sees an association's Targets). It reads and deletes associations, and lists instances to
    /// check a target tag selects some. Nothing else: the instances run the pattern under their own instance role, so
    /// this role never needs the pattern's permissions. Reading what each run printed (ssm:GetCommandInvocation, which
    /// takes no resource-level permission and so reads every command's output in the account) is the reader's alone.
    /// </summary>
    internal static class SchedulePolicies
    {
        public const string RunPowerShellDocument = "arn:aws:ssm:*::document/AWS-RunPowerShellScript";
        public const string Association = "arn:aws:ssm:*:*:association/*";

        public static PatternDefinition Pattern { get; } = new PatternDefinition(
            "Schedule",
            "Scheduled runs across a fleet: State Manager associations that run a pattern's command on the instances a tag selects.",
            Schedule(),
            Reader());

        private static RoleDefinition Schedule() => new RoleDefinition(
            "Schedule",
            "The operator registering, reading and removing fleet schedules (Register-/Get-/Unregister-PatternSchedule -Scope Fleet): " +
            "creates and changes tag-targeted associations of AWS-RunPowerShellScript only, reads and deletes associations and their " +
            "executions; it cannot run a command itself, nor read a run's output.",
            Allow("CreateTagTargetedRunPowerShellAssociations")
                .Actions("ssm:CreateAssociation")
                .On(RunPowerShellDocument, Association),
            Allow("ChangeRunPowerShellAssociations")
                .Actions("ssm:UpdateAssociation", "ssm:DeleteAssociation")
                .On(Association, RunPowerShellDocument),
            ReadAssociations(),
            Allow("ListForSchedule")
                .Actions(
                    "ssm:ListAssociations", // supports no resource-level permissions
                    "ec2:DescribeInstances") // the check that the target tag selects instances, before creating
                .On(Ec2Arns.Any));

        private static RoleDefinition Reader() => new RoleDefinition(
            "ScheduleReader",
            "Watching fleet schedules (Get-PatternSchedule -Scope Fleet): lists and reads associations, their last run per instance " +
            "and each instance's exit code and summary line (Run Command's GetCommandInvocation); changes nothing.",
            Allow("ListAssociations")
                .Actions("ssm:ListAssociations") // supports no resource-level permissions
                .On("*"),
            ReadAssociations(),
            Allow("ReadRunOutput")
                .Actions("ssm:GetCommandInvocation") // supports no resource-level permissions
                .On("*"));

        private static StatementDefinition ReadAssociations() =>
            Allow("ReadAssociations")
                .Actions("ssm:DescribeAssociation", "ssm:DescribeAssociationExecutions", "ssm:DescribeAssociationExecutionTargets")
                .On(Association);
    }
}
