using System;

namespace NanoGate.Hal.Crypto.Native
{
    /// <summary>
    /// Handles of the native component's slot table: what its create calls return, and the value a
    /// wiped object keeps (every call on it then fails as a bad handle, never touching a reused slot).
    /// </summary>
    internal static class NativeObject
    {
        /// <summary>The handle of a released object: no slot.</summary>
        internal const int Released = -1;

        /// <summary>A handle from a create call, or the exception that explains its error code (set-up time only).</summary>
        internal static int Created(int result)
        {
            switch (result)
            {
                case -1:
                    throw new ArgumentException("native crypto: bad algorithm, key or length");
                case -2:
                    throw new InvalidOperationException("native crypto: every slot is in use (objects not wiped?)");
                case -3:
                    throw new InvalidOperationException("native crypto: mbedTLS refused the key or ran out of memory");
                default:
                    if (result < 0)
                    {
                        throw new InvalidOperationException("native crypto: error " + result.ToString());
                    }

                    return result;
            }
        }
    }
}
