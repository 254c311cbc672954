/** Tenant-wide canned responses planted (in Spanish) the first time a tenant lists them; admins may edit or delete them. */
export const DEFAULT_CANNED_RESPONSES: readonly { seedKey: string; title: string; body: string }[] = [
  {
    seedKey: 'acuse-en-revision',
    title: 'Solicitud en revisión',
    body: 'Hola {{solicitante.nombre}}:\n\nRecibimos su solicitud con radicado **{{radicado}}** y ya la estamos revisando. Le daremos respuesta a más tardar el {{fecha_vencimiento}}.\n\nCordialmente,\n{{agente.nombre}}',
  },
  {
    seedKey: 'solicitar-informacion',
    title: 'Solicitar información adicional',
    body: 'Hola {{solicitante.nombre}}:\n\nPara continuar con su solicitud **{{radicado}}** necesitamos que nos envíe:\n\n- \n\nPuede responder a este mensaje o desde el enlace de seguimiento.\n\nCordialmente,\n{{agente.nombre}}',
  },
  {
    seedKey: 'respuesta-final',
    title: 'Respuesta final y cierre',
    body: 'Hola {{solicitante.nombre}}:\n\nDamos respuesta de fondo a su solicitud **{{radicado}}**:\n\n\n\nSi tiene alguna inquietud adicional, puede radicar una nueva solicitud. Gracias por comunicarse con nosotros.\n\nCordialmente,\n{{agente.nombre}}',
  },
  {
    seedKey: 'traslado-competencia',
    title: 'Traslado por competencia',
    body: 'Hola {{solicitante.nombre}}:\n\nSu solicitud **{{radicado}}** no es de nuestra competencia; conforme al artículo 21 de la Ley 1755 de 2015 la trasladamos a la entidad competente y le informaremos a dónde fue remitida.\n\nCordialmente,\n{{agente.nombre}}',
  },
];
