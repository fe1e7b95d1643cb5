import { useEffect, useState } from 'react';

type FormatNumber = (number: string) => string;

const asTyped: FormatNumber = (number) => number;
let loaded: FormatNumber | null = null;
let loading: Promise<FormatNumber> | null = null;

/**
 * libphonenumber's metadata is most of what formatting a number costs: the dial field must not
 * wait for it. It is fetched when the dial field first shows; until then numbers read as they
 * were typed. A failed fetch is forgotten, so the next dial field tries again.
 */
function loadFormatter(): Promise<FormatNumber> {
  loading ??= import('../../../../shared/phone').then(
    (module) => (loaded = module.formatForDisplay),
    () => {
      loading = null;
      return asTyped;
    },
  );
  return loading;
}

/** Formats a number for display (`0901 234 567`), as typed until the formatter has loaded. */
export function useNumberFormatter(): FormatNumber {
  const [format, setFormat] = useState<FormatNumber>(() => loaded ?? asTyped);
  useEffect(() => {
    if (loaded) return;
    let mounted = true;
    void loadFormatter().then((formatter) => {
      if (mounted) setFormat(() => formatter);
    });
    return () => {
      mounted = false;
    };
  }, []);
  return format;
}
