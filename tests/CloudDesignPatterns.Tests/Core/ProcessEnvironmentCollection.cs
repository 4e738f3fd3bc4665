namespace CloudDesignPatterns.Tests.Core
{
    /// <summary>
    /// Tests that change process state — AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE, AWS_EC2_METADATA_DISABLED,
    /// <see cref="CloudDesignPatterns.Engine.Aws.SessionDefaults"/> — run alone so they neither race each other nor other tests.
    /// </summary>
    [CollectionDefinition(Name, DisableParallelization = true)]
    public sealed class ProcessEnvironmentCollection
    {
        public const string Name = "Core process environment";
    }
}
