using System;
using System.Net.NetworkInformation;
using NanoGate.Boards.Drivers;
using NanoGate.Firmware.Status;
using NanoGate.Hal;

namespace NanoGate.Boards.Esp32
{
    /// <summary>
    /// The WAN Ethernet interface (the RMII PHY chosen by the firmware image; C# only picks the
    /// NetworkInterface of type Ethernet, DEVICE-FACTS §4): addressing from the applied configuration,
    /// written only when it differs (<see cref="WanAddressPlan"/>: each write is a flash write), and
    /// link and address events, which arrive on the runtime's event thread and are handed to the
    /// LED logic on the run loop's thread by <see cref="Service"/>.
    /// </summary>
    public sealed class Esp32Wan
    {
        private readonly NetworkInterface _nic;
        private readonly object _lock = new object();
        private bool _link;
        private bool _linkChanged = true;
        private bool _addressChanged = true;

        /// <summary>Finds the Ethernet interface and listens to its events; throws when the image has none.</summary>
        public Esp32Wan()
        {
            NetworkInterface[] all = NetworkInterface.GetAllNetworkInterfaces();
            for (int i = 0; i < all.Length; i++)
            {
                if (all[i].NetworkInterfaceType == NetworkInterfaceType.Ethernet)
                {
                    _nic = all[i];
                    break;
                }
            }

            if (_nic == null)
            {
                throw new InvalidOperationException("this firmware image has no Ethernet interface");
            }

            _link = NetworkInterface.GetIsNetworkAvailable();
            NetworkChange.NetworkAvailabilityChanged += OnAvailability;
            NetworkChange.NetworkAddressChanged += OnAddress;
        }

        /// <summary>The interface's MAC address (a new array per call).</summary>
        public byte[] MacAddress
        {
            get { return _nic.PhysicalAddress; }
        }

        /// <summary>Addressing writes done (each one a flash write).</summary>
        public int Writes { get; private set; }

        /// <summary>Sets DHCP or the static address when it differs from what the interface has; returns what was done.</summary>
        public WanAction Apply(bool dhcp, uint address, int prefixLength, uint gateway)
        {
            WanAction action = WanAddressPlan.Decide(_nic.IsDhcpEnabled, _nic.IPv4Address, _nic.IPv4SubnetMask, _nic.IPv4GatewayAddress,
                dhcp, address, prefixLength, gateway);
            if (action == WanAction.Dhcp)
            {
                _nic.EnableDhcp();
                Writes++;
            }
            else if (action == WanAction.Static)
            {
                _nic.EnableStaticIPv4(Ipv4.Format(address), Ipv4.Format(WanAddressPlan.Mask(prefixLength)), Ipv4.Format(gateway));
                Writes++;
            }

            return action;
        }

        /// <summary>Passes link and address changes to <paramref name="status"/> (the WAN LED); call on the run loop's thread.</summary>
        public void Service(LedStatus status)
        {
            bool linkChanged;
            bool addressChanged;
            bool link;
            lock (_lock)
            {
                linkChanged = _linkChanged;
                addressChanged = _addressChanged;
                link = _link;
                _linkChanged = false;
                _addressChanged = false;
            }

            if (linkChanged)
            {
                status.On(link ? StatusEvent.WanLinkUp : StatusEvent.WanLinkDown);
            }

            if (linkChanged || addressChanged)
            {
                string address = _nic.IPv4Address;
                bool has = link && address != null && address.Length > 0 && address != "0.0.0.0";
                status.On(has ? StatusEvent.WanAddressUp : StatusEvent.WanAddressDown);
            }
        }

        private void OnAvailability(object sender, NetworkAvailabilityEventArgs e)
        {
            lock (_lock)
            {
                _link = e.IsAvailable;
                _linkChanged = true;
            }
        }

        private void OnAddress(object sender, EventArgs e)
        {
            lock (_lock)
            {
                _addressChanged = true;
            }
        }
    }
}
