using System;

namespace CloudDesignPatterns.Sandbox.Iam
{
    /// <summary>A policy document that IAM would reject as malformed; the message names the element at fault.</summary>
    public sealed class PolicyFormatException : FormatException
    {
        public PolicyFormatException(string message) : base(message) { }
        public PolicyFormatException(string message, Exception inner) : base(message, inner) { }
    }
}
