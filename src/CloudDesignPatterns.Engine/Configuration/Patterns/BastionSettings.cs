using CloudDesignPatterns.Engine.Configuration.Types;

namespace CloudDesignPatterns.Engine.Configuration.Patterns
{
    /// <summary>
    /// Settings of the On-demand Bastion pattern, read from the instance the command runs on (an operations host tagged
    /// cdp:bastion:image-id and so on), so a scheduled or runbook Start-OnDemandBastion names no id.
    /// </summary>
    public static class BastionSettings
    {
        public static readonly PatternDefinition Definition = PatternDefinition.Define("bastion")
            .Add("vpc-id", new PatternTextType("vpc-([0-9a-f]{8}|[0-9a-f]{17})", "a VPC id (vpc- and 8 or 17 hex digits)"),
                "The VPC the request's security group is created in (Request-OnDemandBastion); the default VPC otherwise.")
            .Add("image-id", new PatternTextType("ami-([0-9a-f]{8}|[0-9a-f]{17})", "an AMI id (ami- and 8 or 17 hex digits)"),
                "The AMI the bastion is launched from (Start-OnDemandBastion); a Windows AMI gets PowerShell user data.")
            .Add("instance-type", new PatternTextType("[a-z][a-z0-9-]*\\.[a-z0-9]+", "an instance type such as t3.micro"),
                "The bastion's instance type; t3.micro when not set.")
            .Add("subnet-id", new PatternTextType("subnet-([0-9a-f]{8}|[0-9a-f]{17})", "a subnet id (subnet- and 8 or 17 hex digits)"),
                "The subnet the bastion is launched in (in the request's VPC).")
            .Build();
    }
}
