using System;
using System.Text;

namespace CloudDesignPatterns.Sandbox.Ec2.Protocol
{
    /// <summary>User data travels base64-encoded on the wire; the sandbox stores what the instance would read.</summary>
    internal static class UserDataText
    {
        public static string Decode(string base64)
        {
            try { return Encoding.UTF8.GetString(Convert.FromBase64String(base64)); }
            catch (FormatException) { throw new Contracts.SandboxServiceException("InvalidParameterValue", "Invalid BASE64 encoding of user data."); }
        }
    }
}
