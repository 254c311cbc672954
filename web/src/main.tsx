import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { currentLocale } from './i18n/locale-store';
import { router } from './routes';
import './styles.css';

document.documentElement.lang = currentLocale();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <RouterProvider router={router} />
  </StrictMode>,
);
