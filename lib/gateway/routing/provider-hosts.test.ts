import { describe, expect, it } from 'vitest';
import { parseProviderHosts } from './provider-hosts';

describe('parseProviderHosts', () => {
  it('allows any host when unset or empty', () => {
    for (const setting of [undefined, '', ' , ']) {
      const hosts = parseProviderHosts(setting);
      expect(hosts.setting).toBeNull();
      expect(hosts.allowsUrl('http://169.254.169.254/latest')).toBe(true);
    }
  });

  const hosts = parseProviderHosts('api.openai.com, *.openai.azure.com 127.0.0.1,[::1] 10.0.0.0/8,fd00::/8');

  it.each([
    'https://api.openai.com',
    'https://API.OpenAI.com./v1',
    'https://api.openai.com:8443/v1',
    'https://east.openai.azure.com/openai',
    'https://a.b.openai.azure.com',
    'http://127.0.0.1:8000/v1',
    'http://[::1]:8000',
    'http://[::ffff:127.0.0.1]:8000',
    'http://10.1.2.3:11434',
    'http://0x0a.1.2.3',
    'http://[fd00::2]:8000',
  ])('allows %s', (url) => {
    expect(hosts.allowsUrl(url)).toBe(true);
  });

  it.each([
    'https://api.openai.com.evil.example',
    'https://evilapi.openai.com',
    'https://openai.azure.com',
    'https://evil-openai.azure.com',
    'http://127.0.0.2',
    'http://169.254.169.254',
    'http://[fe80::1]',
    'http://11.0.0.1',
    'http://localhost:8000',
    'ftp://api.openai.com',
    'not a url',
  ])('refuses %s', (url) => {
    expect(hosts.allowsUrl(url)).toBe(false);
  });

  it('keeps the setting as configured, for messages', () => {
    expect(hosts.setting).toBe('api.openai.com,*.openai.azure.com,127.0.0.1,[::1],10.0.0.0/8,fd00::/8');
  });

  it.each(['http://api.openai.com', 'api.openai.com:443', '10.0.0.0/33', '*.', '*', 'bad_host!'])('refuses to start with the entry %j, naming it', (entry) => {
    expect(() => parseProviderHosts(`api.openai.com,${entry}`)).toThrow(/AXONGATE_PROVIDER_HOSTS: ".*" is not a host name/);
  });
});
