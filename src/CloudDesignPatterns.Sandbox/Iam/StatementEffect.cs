namespace CloudDesignPatterns.Sandbox.Iam
{
    public enum StatementEffect
    {
        Allow,
        Deny,
    }
}
