import { Injectable, type PipeTransform } from '@nestjs/common';
import { Problems } from '@crm/common';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A path id that is not a UUID cannot name anything: 404, like any id you may not see. */
@Injectable()
export class UuidOr404Pipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!UUID.test(value)) throw Problems.notFound();
    return value.toLowerCase();
  }
}
