using System;

namespace CloudDesignPatterns.Sandbox.Faults
{
    /// <summary>A token bucket that starts full and refills continuously. Not thread-safe: the injector locks.</summary>
    internal sealed class TokenBucket
    {
        private readonly int _capacity;
        private readonly double _refillPerSecond;
        private double _tokens;
        private DateTime _lastRefill;

        public TokenBucket(int capacity, double refillPerSecond, DateTime now)
        {
            _capacity = Math.Max(0, capacity);
            _refillPerSecond = Math.Max(0, refillPerSecond);
            _tokens = _capacity;
            _lastRefill = now;
        }

        public bool TryTake(DateTime now)
        {
            if (now > _lastRefill)
            {
                _tokens = Math.Min(_capacity, _tokens + (now - _lastRefill).TotalSeconds * _refillPerSecond);
                _lastRefill = now;
            }
            if (_tokens < 1) return false;
            _tokens -= 1;
            return true;
        }
    }
}
