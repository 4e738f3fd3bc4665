namespace CloudDesignPatterns.Model
{
    /// <summary>The session defaults set with Set-PatternDefault; null where nothing is set.</summary>
    public sealed class PatternDefault
    {
        public string? Region { get; set; }
        public string? ProfileName { get; set; }
        public string? EndpointUrl { get; set; }
    }
}
