import { DateField, type DateFieldProps, useLocaleState } from 'react-admin';
import { TIME_ZONE } from '../i18n/index.js';

type Style = 'short' | 'medium';

/** A date (and time) in Asia/Shanghai, in the viewer's language; `short` for list columns. */
export const DateTimeField = ({ showTime = true, dateStyle = 'medium', ...props }: DateFieldProps & { dateStyle?: Style }) => {
  const [locale] = useLocaleState();
  return (
    <DateField
      {...props}
      showTime={showTime}
      locales={locale}
      options={showTime ? { timeZone: TIME_ZONE, dateStyle, timeStyle: 'short' } : { timeZone: TIME_ZONE, dateStyle }}
    />
  );
};

export const formatDateTime = (value: string | number | Date, locale: string, dateStyle: Style = 'medium') =>
  new Intl.DateTimeFormat(locale, { timeZone: TIME_ZONE, dateStyle, timeStyle: 'short' }).format(new Date(value));
