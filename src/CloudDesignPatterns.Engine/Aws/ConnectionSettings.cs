namespace CloudDesignPatterns.Engine.Aws
{
    /// <summary>What a cmdlet was given for region, credentials and endpoint. Unset values are null.</summary>
    public sealed class ConnectionSettings
    {
        public string? Region { get; set; }
        public string? ProfileName { get; set; }
        public string? EndpointUrl { get; set; }
        public string? AccessKey { get; set; }
        public string? SecretKey { get; set; }
        public string? SessionToken { get; set; }
    }
}
