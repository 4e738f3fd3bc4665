using System;
using System.Text;

namespace CloudDesignPatterns.Sandbox.Ec2.Protocol
{
    /// <summary>Makes AWS-shaped ids: prefix + "-" + 17 lower-case hex digits. Called under the service lock.</summary>
    internal sealed class IdGenerator
    {
        private readonly Random _random = new Random();

        public string New(string prefix)
        {
            var sb = new StringBuilder(prefix).Append('-');
            for (var i = 0; i < 17; i++) sb.Append("0123456789abcdef"[_random.Next(16)]);
            return sb.ToString();
        }

        public string RequestId() => Guid.NewGuid().ToString();

        /// <summary>A random address in 203.0.113.0/24 (TEST-NET-3), never a real public address.</summary>
        public string PublicIp() => "203.0.113." + _random.Next(20, 250);

        public string Mac()
        {
            var bytes = new byte[5];
            _random.NextBytes(bytes);
            return "02:" + BitConverter.ToString(bytes).Replace('-', ':').ToLowerInvariant();
        }
    }
}
