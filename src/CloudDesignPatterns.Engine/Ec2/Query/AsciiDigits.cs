
namespace CloudDesignPatterns.Engine.Ec2.Query
{
    /// <summary>A non-negative number written as 1 to 9 ASCII digits and nothing else, read from UTF-8 bytes.</summary>
    internal static class AsciiDigits
    {
        public static bool TryParse(byte[] data, int start, int length, out int value)
        {
            value = 0;
            if (length < 1 || length > 9) return false;
            for (var i = start; i < start + length; i++)
            {
                var digit = data[i] - '0';
                if (digit < 0 || digit > 9) return false;
                value = value * 10 + digit;
            }
            return true;
        }
    }
}
