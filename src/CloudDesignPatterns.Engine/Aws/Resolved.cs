namespace CloudDesignPatterns.Engine.Aws
{
    /// <summary>A resolved setting and where it came from, for -Debug and for error messages.</summary>
    public sealed class Resolved<T>
    {
        public Resolved(T value, string source) { Value = value; Source = source; }
        public T Value { get; }
        /// <summary>For example "parameter -Region", "session default", "environment AWS_REGION", "profile 'dev'", "instance metadata".</summary>
        public string Source { get; }
        public override string ToString() => $"{Value} (from {Source})";
    }
}
